// The join action's description exactly as the published TinyAgent planner models were trained on it.
//
// From SqueezeAILab/TinyAgent, MIT License, Copyright (c) 2024 SqueezeAILab (see NOTICE).

/** The join action's description (LLMCompiler). The last line ends with one space and no newline. */
export const JOIN_DESCRIPTION = `join():
 - Collects and combines results from prior actions.
 - A LLM agent is called upon invoking join to either finalize the user query or wait until the plans are executed.
 - join should always be the last action in the plan, and will be called in two scenarios:
   (a) if the answer can be determined by gathering the outputs from tasks to generate the final response.
   (b) if the answer cannot be determined in the planning phase before you execute the plans. `;
