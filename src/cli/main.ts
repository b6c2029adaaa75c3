// Entry point of the `recurrent` command line: builds the commander program and maps
// errors to the documented exit codes, with a message and never a stack trace.
import { Command, CommanderError } from 'commander';
import { registerExample } from './commands/example.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';

export function buildProgram(): Command {
  const program = new Command('recurrent')
    .description('Time-series forecasting with recurrent networks (Elman RNN, LSTM, GRU)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .showHelpAfterError();
  registerExample(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    console.error(`recurrent: ${(e as Error).message}`);
    return EXIT.failure;
  }
}

process.exitCode = await main(process.argv.slice(2));
