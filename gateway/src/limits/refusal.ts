// The one refusal of an operation over a limit: HTTP 400, code OPERATION_LIMIT_EXCEEDED, and in
// `extensions` which limit it crossed, the limit and (where it was counted to the end) what was found.
import { HttpError } from "@twingraph/kit/http";
import type { OperationLimits } from "./settings";

export const OPERATION_LIMIT_EXCEEDED = "OPERATION_LIMIT_EXCEEDED";

export function limitExceeded(
  limit: keyof OperationLimits,
  maximum: number,
  found: number | undefined,
  message: string,
): HttpError {
  return new HttpError(
    400,
    OPERATION_LIMIT_EXCEEDED,
    message,
    {},
    {
      limit,
      maximum,
      ...(found === undefined ? {} : { found }),
    },
  );
}
