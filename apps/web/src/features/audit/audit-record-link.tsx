import { Anchor } from '@mantine/core';
import type { AuditLink } from '@tessera/domain';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** The record's page in the app, as the audit log links to it (only while the record exists). */
export function AuditRecordLink({ link, children }: { link: AuditLink; children: ReactNode }) {
  return (
    <Anchor size="sm" data-testid="audit-record-link" renderRoot={(props) => <RecordLink link={link} {...props} />}>
      {children}
    </Anchor>
  );
}

function RecordLink({ link, ...props }: { link: AuditLink } & Record<string, unknown>) {
  switch (link.page) {
    case 'grant':
      return <Link {...props} to="/grants/$grantId" params={{ grantId: link.id }} />;
    case 'report':
      return (
        <Link
          {...props}
          to="/grants/$grantId/reports/$packId"
          params={{ grantId: link.parentId ?? '', packId: link.id }}
        />
      );
    case 'funder':
      return <Link {...props} to="/funders/$funderId" params={{ funderId: link.id }} />;
    case 'project':
      return <Link {...props} to="/projects/$projectId" params={{ projectId: link.id }} />;
    case 'activity':
      return <Link {...props} to="/activities/$activityId" params={{ activityId: link.id }} />;
    case 'participant':
      return <Link {...props} to="/participants/$participantId" params={{ participantId: link.id }} />;
    case 'partners':
      return <Link {...props} to="/partners" />;
    case 'members':
      return <Link {...props} to="/members" />;
    case 'rates':
      return <Link {...props} to="/exchange-rates" />;
  }
}
