import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

/*
 * Mantine's `component={Link}` loses the router's typing of `params` and `search`; createLink
 * keeps it, so a link to "/activities/$activityId" must name the activity.
 */

type AnchorElementProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & AnchorElementProps>((props, ref) => (
  <Anchor ref={ref} {...props} />
));

const MantineButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & AnchorElementProps>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));

/** An Anchor that routes like Link. */
export const AnchorLink = createLink(MantineAnchor);
/** A Button that is a link (a new record, the register), routed like Link. */
export const ButtonLink = createLink(MantineButtonAnchor);
