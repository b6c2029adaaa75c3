// `recurrent example`: prints the yesterday/today → tomorrow computation unrolled.
import type { Command } from 'commander';
import { describeWorkedExample, runWorkedExample } from '../../examples/worked-example.ts';
import { parseNumberOption } from '../options.ts';

export function registerExample(program: Command): void {
  program
    .command('example')
    .description('show the worked example: yesterday and today → tomorrow through one unrolled ReLU unit')
    .option(
      '--yesterday <price>',
      'yesterday, scaled: 0 low, 0.5 medium, 1 high',
      parseNumberOption('--yesterday'),
      1,
    )
    .option('--today <price>', 'today, scaled: 0 low, 0.5 medium, 1 high', parseNumberOption('--today'), 1)
    .option('--json', 'print the intermediate values as JSON')
    .action((opts: { yesterday: number; today: number; json?: boolean }) => {
      const ex = runWorkedExample(opts.yesterday, opts.today);
      if (opts.json) console.log(JSON.stringify(ex, null, 2));
      else console.log(describeWorkedExample(ex).join('\n'));
    });
}
