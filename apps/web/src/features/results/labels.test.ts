import {
  disaggregations,
  indicatorDirections,
  indicatorLevels,
  indicatorTypes,
  measures,
  narrativeSectionKeys,
  outcomeKinds,
  reportFormats,
} from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { resultsEn } from '../../i18n/messages/results/en';
import { filterKeys } from './measure-filters';

// Labels built from a value (`results.measure.${measure}`) escape the catalog test's search for
// literal ids; this names every one of them.
describe('results and report labels', () => {
  it('label every level, type, direction, source, measure, filter, split, outcome kind, section and format', () => {
    const needed = [
      ...indicatorLevels.flatMap((l) => [`results.level.${l}`, `results.levelPlural.${l}`]),
      ...indicatorTypes.map((t) => `results.type.${t}`),
      ...indicatorDirections.map((d) => `results.direction.${d}`),
      ...['manual', 'derived'].flatMap((s) => [`results.source.${s}`, `results.source.${s}Hint`]),
      ...measures.flatMap((m) => [`results.measure.${m}`, `results.measureHint.${m}`]),
      ...filterKeys.map((f) => `results.filter.${f}`),
      ...disaggregations.flatMap((d) => [`results.dimension.${d}`, `results.breakdown.${d}`]),
      ...outcomeKinds.map((k) => `results.outcomeKind.${k}`),
      ...narrativeSectionKeys.flatMap((k) => [`reports.section.${k}.title`, `reports.section.${k}.hint`]),
      ...reportFormats.map((f) => `reports.export.format.${f}`),
      ...['draft', 'submitted'].map((s) => `reports.status.${s}`),
    ];
    expect(needed.filter((key) => !(key in resultsEn))).toEqual([]);
  });

  it('every key uses the results. or reports. prefix', () => {
    expect(Object.keys(resultsEn).filter((key) => !/^(results|reports)\./.test(key))).toEqual([]);
  });
});
