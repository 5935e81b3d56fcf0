import { Action, ActionPanel, Form, Icon, showToast, Toast, useNavigation } from "@raycast/api";
import { useState } from "react";
import type { PlanStep } from "../../agent/plan/planParser";
import type { PyValue } from "../../agent/plan/pythonLiteral";
import { validatePlan } from "../../agent/plan/validatePlan";
import { isToolName, TOOLS } from "../../tools/catalog";
import type { ToolName } from "../../core/tools/names";
import { showInline } from "../../core/util/displayText";
import { argsFromForm, formFields, formValues, type FormValues } from "./taskForm";
import { contextOf, taskTitle } from "./taskText";

/**
 * Edit Task: a field per argument of the tool (taskForm.ts), each checked by the tool's schema; the
 * edited plan is validated as a whole before it replaces the old one.
 */
export function EditTaskForm(props: {
  step: PlanStep;
  steps: readonly PlanStep[];
  offered: readonly ToolName[];
  onSave: (taskId: number, args: PyValue[]) => void;
}) {
  const { step } = props;
  const { pop } = useNavigation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!isToolName(step.tool))
    return (
      <Form navigationTitle="Edit Task">
        <Form.Description text={`${showInline(step.tool)} is not a tool TinyAgent knows.`} />
      </Form>
    );
  const tool = step.tool;
  const fields = formFields(tool, step.args);
  const initial = formValues(tool, step.args);

  const submit = (values: FormValues) => {
    const result = argsFromForm(tool, values, fields);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const steps = props.steps.map((s) => (s.id === step.id ? { ...s, args: result.args } : s));
    const validation = validatePlan(steps, { offeredTools: props.offered });
    const mine = validation.ok ? [] : validation.problems.filter((p) => p.taskId === step.id);
    if (mine.length > 0) {
      void showToast({ style: Toast.Style.Failure, title: "Task Not Saved", message: mine.map((p) => p.message).join(" ") });
      return;
    }
    props.onSave(step.id, result.args);
    pop();
  };

  const clear = (id: string) => errors[id] !== undefined && setErrors(({ [id]: _, ...rest }) => rest);
  return (
    <Form
      navigationTitle={`Edit ${TOOLS[tool].title}`}
      actions={
        <ActionPanel>
          <Action.SubmitForm title="Save Task" icon={Icon.Check} onSubmit={submit} />
        </ActionPanel>
      }
    >
      <Form.Description title={`#${step.id} ${TOOLS[tool].title}`} text={taskTitle(step, contextOf(props.steps))} />
      {fields.map((f) => {
        const common = { id: f.id, title: f.title, info: f.info, error: errors[f.id] };
        switch (f.kind) {
          case "textarea":
            return (
              <Form.TextArea
                key={f.id}
                {...common}
                placeholder={f.placeholder}
                defaultValue={initial[f.id] as string}
                onChange={() => clear(f.id)}
              />
            );
          case "date":
            return (
              <Form.DatePicker
                key={f.id}
                {...common}
                type={f.dateOnly ? Form.DatePicker.Type.Date : Form.DatePicker.Type.DateTime}
                defaultValue={initial[f.id] as Date | null}
                onChange={() => clear(f.id)}
              />
            );
          case "checkbox":
            return <Form.Checkbox key={f.id} {...common} label={f.title} defaultValue={initial[f.id] as boolean} />;
          case "dropdown":
            return (
              <Form.Dropdown key={f.id} {...common} defaultValue={initial[f.id] as string}>
                {f.options!.map((o) => (
                  <Form.Dropdown.Item key={o.value} value={o.value} title={o.title} />
                ))}
              </Form.Dropdown>
            );
          default:
            return (
              <Form.TextField
                key={f.id}
                {...common}
                placeholder={f.placeholder}
                defaultValue={initial[f.id] as string}
                onChange={() => clear(f.id)}
              />
            );
        }
      })}
    </Form>
  );
}
