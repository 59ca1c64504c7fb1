import type { Command } from 'commander';

/** Placeholder until the owning issue lands; replaced by the real command. */
export function registerDeadlineCommands(_program: Command): void {}
