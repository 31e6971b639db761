// A portal's flow against the contract, type-checked in CI so it keeps compiling against the protos:
// ask the questions, answer them, check, and show the answer with its information duty.
import { clients } from "./index.js";
import { Outcome, FactType } from "./gen/socialtjanst/eligibility/v1/eligibility_service_pb.js";

export async function portalFlow(token: string): Promise<string[]> {
  const { eligibility } = clients(
    { catalog: "http://127.0.0.1:5111", eligibility: "http://127.0.0.1:5112", documentation: "http://127.0.0.1:5113", followUp: "http://127.0.0.1:5114" },
    () => token,
  );
  const asOf = { year: 2025, month: 10, day: 1 };
  const { questions } = await eligibility.listQuestions({ parent: "municipalities/2514", asOf });
  const attested: { [code: string]: boolean } = {};
  let statedAge: number | undefined;
  for (const q of questions) {
    if (q.type === FactType.YES_NO && q.code.startsWith("fact:")) attested[q.code.slice(5)] = false;
    if (q.type === FactType.AGE && q.code === "age") statedAge = 30;
  }
  const answer = await eligibility.listDirectInterventions({
    parent: "municipalities/2514",
    asOf,
    facts: { age: statedAge === undefined ? { case: undefined } : { case: "statedAge", value: statedAge }, attested, registeredMunicipalityCode: "2514" },
  });
  const lines = answer.eligible.map((s) => `${s.displayName}: ${s.outcome === Outcome.ELIGIBLE ? "kan användas direkt" : "?"}`);
  for (const possible of answer.possible) lines.push(`${possible.displayName}: ${possible.missing.map((m) => m.question).join(" ")}`);
  lines.push(answer.information?.text ?? "");
  return lines;
}
