// A portal's flow against the contract, type-checked in CI so it keeps compiling against the protos:
// ask the questions, answer them, check, and show the answer with its information duty.
import { clients } from "./index.js";
import { Outcome, FactType } from "./gen/socialtjanst/eligibility/v1/eligibility_service_pb.js";

const embedded = { catalog: "http://127.0.0.1:5111", eligibility: "http://127.0.0.1:5112", documentation: "http://127.0.0.1:5113", followUp: "http://127.0.0.1:5114" };

export async function portalFlow(token: string, kommun = "2514", urls = embedded): Promise<string[]> {
  const { eligibility } = clients(urls, () => token);
  const parent = `municipalities/${kommun}`;
  const asOf = { year: 2025, month: 10, day: 1 };
  const { questions } = await eligibility.listQuestions({ parent, asOf });
  const attested: { [code: string]: boolean } = {};
  let statedAge: number | undefined;
  for (const q of questions) {
    if (q.type === FactType.YES_NO && q.code.startsWith("fact:")) attested[q.code.slice(5)] = false;
    if (q.type === FactType.AGE && q.code === "age") statedAge = 30;
  }
  const answer = await eligibility.listDirectInterventions({
    parent,
    asOf,
    facts: { age: statedAge === undefined ? { case: undefined } : { case: "statedAge", value: statedAge }, attested, registeredMunicipalityCode: kommun },
  });
  const lines = answer.eligible.map((s) => `${s.displayName}: ${s.outcome === Outcome.ELIGIBLE ? "kan användas direkt" : "?"}`);
  for (const possible of answer.possible) lines.push(`${possible.displayName}: ${possible.missing.map((m) => m.question).join(" ")}`);
  lines.push(answer.information?.text ?? "");
  return lines;
}
