import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent, type ReactNode } from 'react';
import { day, unwrap } from '../../api/client';
import { useApiMutation } from '../../api/query';
import type { ChildRecord, Episode } from '../../api/views';
import { ErrorSummary, Field, Radios, useFormErrors, type Errors } from '../../components/FormParts';
import { label, LEGAL_STATUSES, RECORD_WORDS, REVIEW_RECORDERS } from '../../labels';

/**
 * The forms on a child's record. Each asks why (the service's audit keeps who, when and why),
 * checks only what it must before sending, and shows the service's refusal by the fields it names;
 * what was typed is kept. A save refreshes the record.
 */

const options = (map: Record<string, string>) => Object.entries(map);

/** A form in a disclosure, with its error summary and the message once saved. */
function RecordForm({
  id,
  title,
  hint,
  f,
  saved,
  busy,
  submitText,
  onSubmit,
  startOpen = false,
  children,
}: {
  startOpen?: boolean;
  id: string;
  title: string;
  hint?: string;
  f: ReturnType<typeof useFormErrors>;
  saved: string | null;
  busy: boolean;
  submitText: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  // Opened by the person; it stays open while they correct what was refused and after it is saved.
  const [open, setOpen] = useState(startOpen);
  return (
    <details className="inline-form record-form" id={`${id}-form`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      {hint && <p className="hint">{hint}</p>}
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
        aria-label={title}
      >
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        {children}
        <button type="submit" disabled={busy}>
          {submitText}
        </button>
      </form>
      <p role="status" className="ok">
        {saved ?? ''}
      </p>
    </details>
  );
}

function ReasonField({
  id,
  value,
  onChange,
  error,
  label,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  label?: string;
}) {
  return (
    <Field
      id={id}
      label={label ?? 'Why you are recording this'}
      hint="Kept in the record's history with your name and the time"
      error={error}
    >
      <textarea rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

const needReason = (reason: string, errs: Errors, id: string) => {
  if (!reason.trim()) errs[id] = 'Say why you are recording this';
};

function useRecordChange<TInput>(childId: string, save: Parameters<typeof useApiMutation<TInput, ChildRecord>>[0]) {
  return useApiMutation<TInput, ChildRecord>(save, [['referrals', 'record', childId]]);
}

export function ReviewForm({ childId }: { childId: string }) {
  const [heldOn, setHeldOn] = useState('');
  const [participation, setParticipation] = useState('');
  const [recordedAs, setRecordedAs] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({ heldOn: 'review-on', participation: 'review-participation', recordedAs: 'review-by', reason: 'review-reason' });
  const save = useRecordChange(childId, (api, body: { heldOn: string; participation: string; recordedAs: string; reason: string }) =>
    unwrap(api.referrals.POST('/children/{id}/reviews', { params: { path: { id: childId } }, body: body as never })),
  );
  const submit = () => {
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!heldOn) errs['review-on'] = 'Enter the day the review was held';
    if (!participation) errs['review-participation'] = 'Choose how the child took part';
    if (!recordedAs) errs['review-by'] = 'Choose who recorded the review';
    needReason(reason, errs, 'review-reason');
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the review');
    save.mutate(
      { heldOn, participation, recordedAs, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(`Review held on ${day(heldOn)} recorded.`);
          setHeldOn('');
          setParticipation('');
          setReason('');
        },
        onError: (e) => f.refused(e),
      },
    );
  };
  return (
    <RecordForm
      id="review"
      title="Record a review"
      f={f}
      saved={saved}
      busy={save.isPending}
      submitText="Record the review"
      onSubmit={submit}
    >
      <Field id="review-on" label="Held on" error={f.errors['review-on']}>
        <input type="date" value={heldOn} max={londonToday()} onChange={(e) => setHeldOn(e.target.value)} />
      </Field>
      <Field id="review-participation" label="How the child took part" error={f.errors['review-participation']}>
        <select value={participation} onChange={(e) => setParticipation(e.target.value)}>
          <option value="">Choose</option>
          {options(RECORD_WORDS.participation).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <Radios
        name="review-by"
        legend="Recorded by"
        error={f.errors['review-by']}
        options={options(REVIEW_RECORDERS)}
        value={recordedAs}
        onChange={setRecordedAs}
      />
      <ReasonField id="review-reason" value={reason} onChange={setReason} error={f.errors['review-reason']} />
    </RecordForm>
  );
}

export function MissingForm({ childId }: { childId: string }) {
  const [kind, setKind] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({ kind: 'missing-kind', start: 'missing-start', end: 'missing-end', reason: 'missing-reason' });
  const save = useRecordChange(childId, (api, body: { kind: string; start: string; end: string | null; reason: string }) =>
    unwrap(api.referrals.POST('/children/{id}/missing', { params: { path: { id: childId } }, body: body as never })),
  );
  const submit = () => {
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!kind) errs['missing-kind'] = 'Choose missing or away';
    if (!start) errs['missing-start'] = 'Enter the day it started';
    needReason(reason, errs, 'missing-reason');
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the episode');
    save.mutate(
      { kind, start, end: end || null, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(`${RECORD_WORDS.missing[kind]} from ${day(start)} recorded.`);
          setKind('');
          setStart('');
          setEnd('');
          setReason('');
        },
        onError: (e) => f.refused(e),
      },
    );
  };
  return (
    <RecordForm
      id="missing"
      title="Record a missing or away episode"
      f={f}
      saved={saved}
      busy={save.isPending}
      submitText="Record the episode"
      onSubmit={submit}
    >
      <Radios
        name="missing-kind"
        legend="The child was"
        error={f.errors['missing-kind']}
        options={options(RECORD_WORDS.missing)}
        value={kind}
        onChange={setKind}
      />
      <Field id="missing-start" label="Started on" error={f.errors['missing-start']}>
        <input type="date" value={start} max={londonToday()} onChange={(e) => setStart(e.target.value)} />
      </Field>
      <Field
        id="missing-end"
        label="Ended on (optional)"
        hint="Leave empty while the child is still missing or away"
        error={f.errors['missing-end']}
      >
        <input type="date" value={end} max={londonToday()} onChange={(e) => setEnd(e.target.value)} />
      </Field>
      <ReasonField id="missing-reason" value={reason} onChange={setReason} error={f.errors['missing-reason']} />
    </RecordForm>
  );
}

export function LegalStatusForm({ childId }: { childId: string }) {
  const [status, setStatus] = useState('');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({ status: 'ls-status', date: 'ls-date', reason: 'ls-reason' });
  const save = useRecordChange(childId, (api, body: { status: string; date: string; reason: string }) =>
    unwrap(api.referrals.POST('/children/{id}/legal-status', { params: { path: { id: childId } }, body: body as never })),
  );
  const submit = () => {
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!status) errs['ls-status'] = 'Choose the legal status';
    if (!date) errs['ls-date'] = 'Enter the day it changed';
    if (!reason.trim()) errs['ls-reason'] = 'Say why the legal status changed';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the change of legal status');
    save.mutate(
      { status, date, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(`${label(LEGAL_STATUSES, status)} from ${day(date)} recorded.`);
          setStatus('');
          setDate('');
          setReason('');
        },
        onError: (e) => f.refused(e),
      },
    );
  };
  return (
    <RecordForm
      id="legal-status"
      title="Record a change of legal status"
      hint="A change while the child is looked after ends the current episode and starts a new one on that day."
      f={f}
      saved={saved}
      busy={save.isPending}
      submitText="Record the change"
      onSubmit={submit}
    >
      <Field id="ls-status" label="New legal status" error={f.errors['ls-status']}>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Choose</option>
          {options(LEGAL_STATUSES).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ls-date" label="From" error={f.errors['ls-date']}>
        <input type="date" value={date} max={londonToday()} onChange={(e) => setDate(e.target.value)} />
      </Field>
      <ReasonField id="ls-reason" label="Why it changed" value={reason} onChange={setReason} error={f.errors['ls-reason']} />
    </RecordForm>
  );
}

type Characteristics = ChildRecord['characteristics'];
const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

export function CharacteristicsForm({ childId, current, startOpen }: { childId: string; current: Characteristics; startOpen?: boolean }) {
  const [sex, setSex] = useState(current.sex ?? '');
  const [ethnicity, setEthnicity] = useState(current.ethnicity ?? '');
  const [upn, setUpn] = useState(current.upn ?? '');
  const [uasc, setUasc] = useState(current.uasc);
  const [uascCeased, setUascCeased] = useState(current.uascCeased ?? '');
  const [mother, setMother] = useState(yesNo(current.mother));
  const [motherChildDob, setMotherChildDob] = useState(current.motherChildDob ?? '');
  const [homePostcode, setHomePostcode] = useState(current.homePostcode ?? '');
  const [categoryOfNeed, setCategoryOfNeed] = useState(current.categoryOfNeed ?? '');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({
    sex: 'ch-sex',
    ethnicity: 'ch-ethnicity',
    upn: 'ch-upn',
    uasc: 'ch-uasc',
    uascCeased: 'ch-uasc-ceased',
    mother: 'ch-mother',
    motherChildDob: 'ch-mother-dob',
    homePostcode: 'ch-postcode',
    categoryOfNeed: 'ch-cin',
    reason: 'ch-reason',
  });
  const save = useRecordChange(childId, (api, body: Record<string, unknown>) =>
    unwrap(api.referrals.PUT('/children/{id}/characteristics', { params: { path: { id: childId } }, body: body as never })),
  );
  const submit = () => {
    f.clear();
    setSaved(null);
    // Only what changed is sent: the audit shows exactly what was corrected.
    const body: Record<string, unknown> = {};
    const text = (v: string) => v.trim() || null;
    if (sex && sex !== (current.sex ?? '')) body.sex = sex;
    if (ethnicity && ethnicity !== (current.ethnicity ?? '')) body.ethnicity = ethnicity;
    if (text(upn) !== current.upn) body.upn = text(upn);
    if (uasc !== current.uasc) body.uasc = uasc;
    if ((uascCeased || null) !== current.uascCeased) body.uascCeased = uascCeased || null;
    if (mother !== yesNo(current.mother)) body.mother = mother === '' ? null : mother === 'yes';
    if ((motherChildDob || null) !== current.motherChildDob) body.motherChildDob = motherChildDob || null;
    if (text(homePostcode) !== current.homePostcode) body.homePostcode = text(homePostcode);
    if (categoryOfNeed && categoryOfNeed !== (current.categoryOfNeed ?? '')) body.categoryOfNeed = categoryOfNeed;
    const errs: Errors = {};
    needReason(reason, errs, 'ch-reason');
    if (!Object.keys(body).length) return f.invalid(errs, 'Nothing has changed: correct at least one characteristic');
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the correction');
    save.mutate(
      { ...body, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved('Characteristics corrected.');
          setReason('');
        },
        onError: (e) => f.refused(e),
      },
    );
  };
  return (
    <RecordForm
      id="characteristics"
      startOpen={startOpen}
      title="Correct the characteristics"
      f={f}
      saved={saved}
      busy={save.isPending}
      submitText="Save the correction"
      onSubmit={submit}
    >
      <Field id="ch-sex" label="Sex" error={f.errors['ch-sex']}>
        <select value={sex} onChange={(e) => setSex(e.target.value)}>
          <option value="">Not recorded</option>
          {options(RECORD_WORDS.sex).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ch-ethnicity" label="Ethnicity" error={f.errors['ch-ethnicity']}>
        <select value={ethnicity} onChange={(e) => setEthnicity(e.target.value)}>
          <option value="">Not recorded</option>
          {options(RECORD_WORDS.ethnicity).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="ch-upn"
        label="Unique pupil number"
        hint="13 characters, or why there is none: UN1 not of school age, UN2 never at a maintained school in England, UN3 educated outside England, UN4 newly looked after, UN5 sources disagree"
        error={f.errors['ch-upn']}
      >
        <input type="text" value={upn} onChange={(e) => setUpn(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <div className="field">
        <label className="radio">
          <input type="checkbox" id="ch-uasc" checked={uasc} onChange={(e) => setUasc(e.target.checked)} /> Unaccompanied asylum-seeking
          child
        </label>
      </div>
      <Field
        id="ch-uasc-ceased"
        label="Stopped being an unaccompanied asylum-seeking child on (optional)"
        error={f.errors['ch-uasc-ceased']}
      >
        <input type="date" value={uascCeased} onChange={(e) => setUascCeased(e.target.value)} />
      </Field>
      <Field id="ch-mother" label="Is the child a mother" error={f.errors['ch-mother']}>
        <select value={mother} onChange={(e) => setMother(e.target.value)}>
          <option value="">Not recorded</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      </Field>
      <Field id="ch-mother-dob" label="Her child's date of birth (optional)" error={f.errors['ch-mother-dob']}>
        <input type="date" value={motherChildDob} onChange={(e) => setMotherChildDob(e.target.value)} />
      </Field>
      <Field id="ch-postcode" label="Home postcode" hint="Empty for an unaccompanied asylum-seeking child" error={f.errors['ch-postcode']}>
        <input type="text" value={homePostcode} onChange={(e) => setHomePostcode(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="ch-cin" label="Category of need" error={f.errors['ch-cin']}>
        <select value={categoryOfNeed} onChange={(e) => setCategoryOfNeed(e.target.value)}>
          <option value="">Not recorded</option>
          {options(RECORD_WORDS.categoryOfNeed).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <ReasonField id="ch-reason" label="Why you are correcting it" value={reason} onChange={setReason} error={f.errors['ch-reason']} />
    </RecordForm>
  );
}

/** What a person corrects on an episode that Placewise could not know: the setting's URN and postcode, the home postcode, the category of need. */
export function EpisodeForm({ childId, episodes, startOpen }: { childId: string; episodes: Episode[]; startOpen?: boolean }) {
  const [decom, setDecom] = useState(episodes.at(-1)?.decom ?? '');
  const episode = episodes.find((e) => e.decom === decom);
  const [urn, setUrn] = useState('');
  const [plPost, setPlPost] = useState('');
  const [homePost, setHomePost] = useState('');
  const [cin, setCin] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({ urn: 'ep-urn', plPost: 'ep-pl-post', homePost: 'ep-home-post', cin: 'ep-cin', reason: 'ep-reason' });
  const save = useRecordChange(childId, (api, { decom, ...body }: Record<string, unknown> & { decom: string }) =>
    unwrap(api.referrals.PATCH('/children/{id}/episodes/{decom}', { params: { path: { id: childId, decom } }, body: body as never })),
  );
  const choose = (d: string) => {
    setDecom(d);
    setUrn('');
    setPlPost('');
    setHomePost('');
    setCin('');
  };
  const submit = () => {
    f.clear();
    setSaved(null);
    const body: Record<string, unknown> = {};
    if (urn.trim()) body.urn = urn.trim();
    if (plPost.trim()) body.plPost = plPost.trim();
    if (homePost.trim()) body.homePost = homePost.trim();
    if (cin) body.cin = cin;
    const errs: Errors = {};
    if (!episode) errs['ep-which'] = 'Choose the episode';
    needReason(reason, errs, 'ep-reason');
    if (!Object.keys(body).length) return f.invalid(errs, 'Enter at least one correction');
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the correction');
    save.mutate(
      { decom, ...body, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(`The episode from ${day(decom)} corrected.`);
          choose(decom);
          setReason('');
        },
        onError: (e) => f.refused(e),
      },
    );
  };
  if (!episodes.length) return null;
  return (
    <RecordForm
      id="episode"
      startOpen={startOpen}
      title="Correct an episode"
      f={f}
      saved={saved}
      busy={save.isPending}
      submitText="Save the correction"
      onSubmit={submit}
    >
      <Field id="ep-which" label="Episode" error={f.errors['ep-which']}>
        <select value={decom} onChange={(e) => choose(e.target.value)}>
          {episodes.map((e) => (
            <option key={e.decom} value={e.decom}>
              From {day(e.decom)}: {e.placeWords}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="ep-urn"
        label="Ofsted URN of the setting"
        hint={`Now: ${episode?.urn ?? 'not recorded'}. SC123456, 123456, or XXXXXXX when it has none`}
        error={f.errors['ep-urn']}
      >
        <input type="text" value={urn} onChange={(e) => setUrn(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <Field
        id="ep-pl-post"
        label="Postcode of the placement"
        hint={`Now: ${episode?.plPost ?? 'not recorded'}`}
        error={f.errors['ep-pl-post']}
      >
        <input type="text" value={plPost} onChange={(e) => setPlPost(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="ep-home-post" label="Home postcode" hint={`Now: ${episode?.homePost ?? 'not recorded'}`} error={f.errors['ep-home-post']}>
        <input type="text" value={homePost} onChange={(e) => setHomePost(e.target.value)} autoComplete="off" />
      </Field>
      <Field
        id="ep-cin"
        label="Category of need"
        hint={`Now: ${episode ? (RECORD_WORDS.categoryOfNeed[episode.cin] ?? 'not recorded') : ''}`}
        error={f.errors['ep-cin']}
      >
        <select value={cin} onChange={(e) => setCin(e.target.value)}>
          <option value="">Unchanged</option>
          {options(RECORD_WORDS.categoryOfNeed).map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </select>
      </Field>
      <ReasonField id="ep-reason" label="Why you are correcting it" value={reason} onChange={setReason} error={f.errors['ep-reason']} />
    </RecordForm>
  );
}
