/**
 * `npm run call`: a thin wrapper over simulateCall (see --help).
 */
import { BehaviourError } from './behaviour';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { simulateCall, type SimulateCallOptions } from './index';
import { renderTranscript } from './render';
import { callerSteps, checkExpectations, loadScenario, ScenarioError, scenarioWarnings } from './scenario';

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BehaviourError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const common: Partial<SimulateCallOptions> = {
    ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    ...(args.publicBaseUrl ? { publicBaseUrl: args.publicBaseUrl } : {}),
    ...(args.maxRequests ? { maxRequests: args.maxRequests } : {}),
    ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
  };
  let failures: string[] = [];
  let options: SimulateCallOptions;
  let scenario: Awaited<ReturnType<typeof loadScenario>> | undefined;
  if (args.scenario) {
    try {
      scenario = await loadScenario(args.scenario);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    for (const warning of scenarioWarnings(scenario)) process.stderr.write(`warning: ${warning}\n`);
    options = {
      ...common,
      to: scenario.to,
      from: scenario.from,
      caller: callerSteps(scenario),
      silent: scenario.silent,
      callees: scenario.callee,
    };
  } else {
    options = {
      ...common,
      to: args.to!,
      ...(args.from ? { from: args.from } : {}),
      caller: args.caller,
      silent: args.silent,
      callees: args.callees,
    };
  }

  const report = await simulateCall(options);
  if (scenario) failures = checkExpectations(scenario, report);
  const errors = report.problems.filter((p) => p.severity === 'error');
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...report, expectationFailures: failures }, null, 2)}\n`);
  } else {
    const colour = args.colour ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    process.stdout.write(`${renderTranscript(report, colour)}\n`);
    if (scenario) {
      const title = scenario.name ?? args.scenario;
      process.stdout.write(
        failures.length === 0
          ? `\nScenario "${title}": expectations met\n`
          : `\nScenario "${title}" failed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`,
      );
    }
  }
  return failures.length > 0 || errors.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
