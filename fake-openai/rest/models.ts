import { openAIError, sendError, sendJson } from "../http-util";
import { MODELS } from "../models";
import type { RouteContext } from "./context";

export function listModels({ res }: RouteContext) {
  sendJson(res, 200, { object: "list", data: MODELS.map((m) => ({ ...m, object: "model" })) });
}

export function retrieveModel({ res, params }: RouteContext) {
  const id = decodeURIComponent(params[0] ?? "");
  const model = MODELS.find((m) => m.id === id);
  if (!model) {
    sendError(
      res,
      404,
      openAIError(`The model '${id}' does not exist or you do not have access to it.`, "invalid_request_error", "model", "model_not_found"),
    );
    return;
  }
  sendJson(res, 200, { ...model, object: "model" });
}
