import { OddsgateError } from '../errors.js';

/**
 * Why a core call gave no usable answer, as the `problem` label of
 * `oddsgate_core_answers_invalid_total` (a small fixed set):
 *  unreachable  no HTTP answer: connection refused or reset before the headers
 *  timeout      no complete answer before the call was abandoned (hang, trickling body)
 *  http_status  a status other than 200 (and 404 on a lookup)
 *  too_large    the body (or its content-length) is over coreAnswerMaxBytes
 *  truncated    the connection broke in the middle of the body
 *  not_json     the body is not JSON
 *  contract     JSON that is not a CoreBetResponse (see core-contract.ts)
 */
export type CoreProblem = 'unreachable' | 'timeout' | 'http_status' | 'too_large' | 'truncated' | 'not_json' | 'contract';

/**
 * A core call that produced no decision. For the player the outcome is
 * unknown (the core may or may not hold the bet); for the breaker it is a
 * failure. The message names the core and the problem, never the player.
 */
export class CoreCallError extends OddsgateError {
  constructor(
    readonly core: string,
    readonly problem: CoreProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(problem === 'unreachable' || problem === 'timeout' ? 'OG_CORE_UNAVAILABLE' : 'OG_CORE_ANSWER_INVALID', `core ${core}: ${message}`, options);
  }
}
