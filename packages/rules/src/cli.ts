#!/usr/bin/env node
/**
 * placewise-rules CLI (the only part of the package that does I/O).
 *
 *   placewise-rules explain <request.json> [--policy <policy.json>] [--json]
 *   placewise-rules check-policy <policy.json>
 *   placewise-rules what-if <requests.json> --proposed <policy.json> [--current <policy.json>]
 *
 * Exit codes: 0 ok; 1 refused (invalid facts or policy); 2 usage or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_POLICY,
  evaluate,
  FactsValidationError,
  policyHash,
  PolicyValidationError,
  RULE_SET_VERSION,
  validatePolicy,
  type CouncilPolicy,
  type RequestFacts,
  type RulesOutcome,
} from './index.js';
import { whatIf } from './what-if.js';
import { money } from './text.js';

class UsageError extends Error {}

const USAGE = `usage:
  placewise-rules explain <request.json> [--policy <policy.json>] [--json]
  placewise-rules check-policy <policy.json>
  placewise-rules what-if <requests.json> --proposed <policy.json> [--current <policy.json>]
(requests.json for what-if: [{ "id": "...", "facts": { ...request facts } }, ...])`;

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new UsageError(`${name} needs a file`);
  args.splice(i, 2);
  return v;
}

export function formatOutcome(o: RulesOutcome): string {
  const lines: string[] = [];
  lines.push(`Rule set ${o.ruleSetVersion}, policy ${o.policyHash.slice(0, 12)}`);
  lines.push(`Approver:  ${o.approver}${o.panel ? `   Panel: ${o.panel}` : '   (no panel: the approver decides alone)'}`);
  lines.push(
    `Cost band: ${o.costBand ?? '-'} (${money(o.grossWeeklyCostPence)} a week gross)${o.entryRoute ? `   Entry route: ${o.entryRoute}` : ''}`,
  );
  lines.push(`Retrospective: ${o.retrospective ? 'yes' : 'no'}   Blocked: ${o.blocked ? 'YES' : 'no'}`);
  if (o.specialApprovers.length) {
    lines.push('', 'Special approvers:');
    for (const s of o.specialApprovers) lines.push(`  - ${s.role}${s.tier ? ` (${s.tier})` : ''}: ${s.text}  [${s.ruleId}]`);
  }
  if (o.blocks.length) {
    lines.push('', 'BLOCKS:');
    for (const b of o.blocks) lines.push(`  - ${b.text} (${b.regulation})  [${b.ruleId}]`);
  }
  if (o.gates.length) {
    lines.push('', 'Evidence required before approval:');
    for (const g of o.gates) lines.push(`  - ${g.text}${g.regulation ? ` (${g.regulation})` : ''}  [${g.ruleId}]`);
  }
  if (o.deadlines.length) {
    lines.push('', 'Deadlines:');
    for (const d of o.deadlines)
      lines.push(`  - ${d.dueDate}  ${d.text} (${d.basis}${d.regulation ? `; ${d.regulation}` : ''})  [${d.ruleId}]`);
  }
  if (o.escalations.length) {
    lines.push('', 'Escalations:');
    for (const e of o.escalations) lines.push(`  - ${e.at}  ${e.kind.toLowerCase()}: tell ${e.notify.join(', ')} - ${e.text}`);
  }
  if (o.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of o.warnings) lines.push(`  - ${w.text}  [${w.ruleId}]`);
  }
  lines.push('', 'Reasons:');
  for (const r of o.reasons) lines.push(`  - [${r.ruleId}] ${r.text}`);
  return lines.join('\n');
}

export async function main(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
): Promise<number> {
  const args = [...argv];
  const cmd = args.shift();
  try {
    if (cmd === 'explain') {
      const policyFile = option(args, '--policy');
      const asJson = args.includes('--json');
      const file = args.filter((a) => a !== '--json')[0];
      if (!file) throw new UsageError('explain needs a request file');
      const policy = policyFile ? validatePolicy(readJson(policyFile)) : DEFAULT_POLICY;
      const outcome = await evaluate(readJson(file) as RequestFacts, policy);
      out(asJson ? JSON.stringify(outcome, null, 2) : formatOutcome(outcome));
      return 0;
    }
    if (cmd === 'check-policy') {
      const file = args[0];
      if (!file) throw new UsageError('check-policy needs a policy file');
      const policy = validatePolicy(readJson(file));
      out(`policy OK: "${policy.name}"\nrule set ${RULE_SET_VERSION}\npolicyHash ${policyHash(policy)}`);
      return 0;
    }
    if (cmd === 'what-if') {
      const proposedFile = option(args, '--proposed');
      const currentFile = option(args, '--current');
      const file = args[0];
      if (!file || !proposedFile) throw new UsageError('what-if needs a requests file and --proposed');
      const current: CouncilPolicy = currentFile ? validatePolicy(readJson(currentFile)) : DEFAULT_POLICY;
      const proposed = validatePolicy(readJson(proposedFile));
      const requests = readJson(file);
      if (!Array.isArray(requests)) throw new UsageError(`${file} must be an array of { id, facts }`);
      const changes = await whatIf(requests as { id: string; facts: RequestFacts }[], current, proposed);
      out(`${changes.length} of ${requests.length} request(s) change:`);
      for (const c of changes) out(`  ${c.id}: ${c.changes.join('; ')}`);
      return 0;
    }
    throw new UsageError(cmd ? `unknown command "${cmd}"` : 'no command');
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof PolicyValidationError || e instanceof FactsValidationError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await main(process.argv.slice(2)));
}
