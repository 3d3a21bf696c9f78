/**
 * Structured logs: one JSON object per line on stdout, written raw (not through console.*), so the Lambda runtime
 * neither prefixes nor re-wraps them and CloudWatch Logs Insights can query every field. Callers pass only safe
 * fields (ids, statuses, rule names); the event, addresses, payment data and notes are never given to the logger.
 */
import { Logger, LogFields } from './ports';
import { LOG_LEVELS, LogLevelName } from '../../contract/platform';

export type LineWriter = (line: string) => void;

export const stdoutWriter: LineWriter = (line) => { process.stdout.write(line + '\n'); };

export function createLogger(level: LogLevelName, write: LineWriter = stdoutWriter, base: LogFields = {}): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const emit = (lvl: LogLevelName, message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(lvl) < min) return;
    // Fixed keys last, so a field can never overwrite level, message or timestamp.
    write(JSON.stringify({ ...base, ...fields, level: lvl, message, timestamp: new Date().toISOString() }));
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARN', m, f),
    error: (m, f) => emit('ERROR', m, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}
