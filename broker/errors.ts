import { Problem, badGateway } from './http/problem.js';
import { MailcowError } from './mailcow/errors.js';

/** Maps whatever a route threw to the problem the client sees, logging what the operator needs. */
export function toProblem(e: unknown, log: (line: string) => void): Problem {
  if (e instanceof Problem) return e;
  if (e instanceof MailcowError) {
    log(`mailcow call failed: ${e.failure}: ${e.reason}`);
    switch (e.failure) {
      case 'timeout':
        return new Problem(
          504,
          'mailcow_timeout',
          'mailcow did not answer in time',
          'The mail server did not answer in time; try again later.',
        );
      case 'auth':
        return badGateway(
          'mailcow_auth',
          'The broker cannot sign in to the mail server; tell your administrator.',
        );
      case 'danger':
        return badGateway('mailcow_error', `The mail server refused the request (${e.reason}).`);
      default:
        return badGateway(
          `mailcow_${e.failure satisfies 'unreachable' | 'bad_answer' | 'refused'}`,
          'The mail server gave an answer the broker cannot use; try again later.',
        );
    }
  }
  log(`internal error: ${e instanceof Error ? `${e.name}: ${e.message}` : 'unknown'}`);
  return new Problem(
    500,
    'internal',
    'Internal error',
    'The broker failed unexpectedly; tell your administrator.',
  );
}
