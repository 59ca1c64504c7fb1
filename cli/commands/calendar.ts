import type { Command } from 'commander';

/** Placeholder until the owning issue lands; replaced by the real command. */
export function registerCalendarCommands(_program: Command): void {}
