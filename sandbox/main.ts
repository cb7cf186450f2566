import { parseCli, USAGE, UsageError } from './cli';
import { formatEnrollmentCode } from './store/ids';
import { startSandbox } from './server';

// `npm run sandbox`: start the NoPOS API sandbox and say how to reach it.

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sandbox = await startSandbox(options);
  const store = sandbox.services.defaultStore();
  const code = sandbox.services.createEnrollmentCode(store.id);
  const faults = sandbox.services.faults.current();
  process.stdout.write(
    [
      `NoPOS API sandbox running at ${sandbox.url}`,
      `  CA certificate:  ${sandbox.caPath}  (trust exactly this one, e.g. curl --cacert)`,
      `  Enrollment code: ${formatEnrollmentCode(code.code)}  (store "${store.name}", one use, valid 24 h)`,
      `  Back office:     ${sandbox.backOfficeUrl}`,
      `  Data folder:     ${options.dataDir}  (--reset wipes it)`,
      ...(faults.rate > 0 || faults.offline || faults.latencyMs[1] > 0 ? [`  Faults:          ${JSON.stringify(faults)}`] : []),
      '',
    ].join('\n'),
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    process.stderr.write('The sandbox port is in use (another sandbox running?). Pick another with --port or NOPOS_SANDBOX_PORT.\n');
  } else {
    process.stderr.write(`The sandbox could not start: ${(error as Error).message ?? String(error)}\n`);
  }
  process.exit(1);
});
