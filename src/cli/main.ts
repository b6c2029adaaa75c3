// Entry point of the `recurrent` command line: builds the commander program and maps
// errors to the documented exit codes, with a message and never a stack trace.
import { Command, CommanderError } from 'commander';
import { registerBacktest } from './commands/backtest.ts';
import { registerBatch } from './commands/batch.ts';
import { registerEvaluate } from './commands/evaluate.ts';
import { registerExample } from './commands/example.ts';
import { registerForecast } from './commands/forecast.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerRun } from './commands/run.ts';
import { registerSchedule } from './commands/schedule.ts';
import { registerServe } from './commands/serve.ts';
import { registerTrain } from './commands/train.ts';
import { registerWorker } from './commands/worker.ts';
import { exitCodeFor, messageFor } from './errors.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';

export function buildProgram(): Command {
  const program = new Command('recurrent')
    .description('Time-series forecasting with recurrent networks (Elman RNN, LSTM, GRU)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .showHelpAfterError();
  for (const register of [
    registerInspect,
    registerTrain,
    registerForecast,
    registerEvaluate,
    registerBacktest,
    registerRun,
    registerBatch,
    registerSchedule,
    registerServe,
    registerWorker,
    registerExample,
  ])
    register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    // A command may report partial failure (a batch with failed series) without throwing.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    console.error(`recurrent: ${messageFor(e)}`);
    return exitCodeFor(e);
  }
}

// `recurrent … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
