import { useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import type { SearchDetail } from '../../api/views';
import { ErrorSummary, Field, useFormErrors, type Errors } from '../../components/FormParts';
import { useApiMutation } from '../../api/query';

const NEED = /^[A-Z0-9_]{2,40}$/;
const coordinate = (text: string, min: number, max: number) =>
  text.trim() === ''
    ? undefined
    : /^-?\d{1,3}(\.\d+)?$/.test(text.trim()) && Number(text) >= min && Number(text) <= max
      ? Number(text)
      : null;

/** The matching profile: the child's needs, where home and school are (an area, not an address) and siblings; the ranking uses it. */
/** Where home or school is: an area's centre, not an address. */
type Point = { lat: number; lng: number };

export function Profile({ search: s, canEdit, onSaved }: { search: SearchDetail; canEdit: boolean; onSaved: (s: SearchDetail) => void }) {
  const saveProfile = useApiMutation((api, body: { needs: string[]; home: Point | null; school: Point | null; siblings: number }) =>
    unwrap(api.commissioning.PUT('/searches/{id}/profile', { params: { path: { id: s.id } }, body })),
  );
  const p = s.profile;
  const [needs, setNeeds] = useState(p.needs.join(', '));
  const [homeLat, setHomeLat] = useState(p.home ? String(p.home.lat) : '');
  const [homeLng, setHomeLng] = useState(p.home ? String(p.home.lng) : '');
  const [schoolLat, setSchoolLat] = useState(p.school ? String(p.school.lat) : '');
  const [schoolLng, setSchoolLng] = useState(p.school ? String(p.school.lng) : '');
  const [siblings, setSiblings] = useState(String(p.siblings));
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({
    needs: 'profile-needs',
    'home.lat': 'profile-home-lat',
    'home.lng': 'profile-home-lng',
    home: 'profile-home-lat',
    'school.lat': 'profile-school-lat',
    'school.lng': 'profile-school-lng',
    school: 'profile-school-lat',
    siblings: 'profile-siblings',
  });
  const summary = `${p.needs.length ? `needs ${p.needs.join(', ')}` : 'no needs recorded'}; home ${p.home ? 'set' : 'not set'}; school ${p.school ? 'set' : 'not set'}; ${p.siblings} sibling${p.siblings === 1 ? '' : 's'}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(false);
    const errs: Errors = {};
    const list = needs
      .split(/[,\s]+/)
      .map((n) => n.trim().toUpperCase())
      .filter(Boolean);
    const bad = list.filter((n) => !NEED.test(n));
    if (bad.length) errs['profile-needs'] = `Use need codes such as EBD or CSE_RISK (not ${bad.join(', ')})`;
    const point = (lat: string, lng: string, key: string) => {
      const a = coordinate(lat, 49.8, 60.9);
      const b = coordinate(lng, -8.7, 1.8);
      if (a === null) errs[`profile-${key}-lat`] = 'Enter a latitude in England, like 52.81';
      if (b === null) errs[`profile-${key}-lng`] = 'Enter a longitude in England, like -2.12';
      if (a !== null && b !== null && (a === undefined) !== (b === undefined))
        errs[`profile-${key}-${a === undefined ? 'lat' : 'lng'}`] = 'Enter both the latitude and the longitude, or neither';
      return typeof a === 'number' && typeof b === 'number' ? { lat: a, lng: b } : null;
    };
    const home = point(homeLat, homeLng, 'home');
    const school = point(schoolLat, schoolLng, 'school');
    if (!/^\d{1,2}$/.test(siblings.trim()) || Number(siblings) > 10) errs['profile-siblings'] = 'Enter a number from 0 to 10';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the matching profile');
    setBusy(true);
    try {
      const r = await saveProfile.mutateAsync({ needs: list, home, school, siblings: Number(siblings) });
      setNeeds(r.profile.needs.join(', '));
      setSaved(true);
      onSaved(r);
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="panel-box profile">
      <summary>Matching profile: {summary}</summary>
      {!canEdit ? (
        <p>The search is no longer open.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Matching profile">
          <p className="hint">
            The ranking scores each setting against these. Record where home and school are as an area (a point near them), never an
            address.
          </p>
          <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
          <Field
            id="profile-needs"
            label="Needs"
            hint="Codes separated by commas, such as EBD, CSE_RISK or DISABILITY"
            error={f.errors['profile-needs']}
          >
            <input value={needs} onChange={(e) => setNeeds(e.target.value)} autoComplete="off" />
          </Field>
          <div className="pair">
            <Field id="profile-home-lat" label="Home area latitude" error={f.errors['profile-home-lat']}>
              <input inputMode="decimal" value={homeLat} onChange={(e) => setHomeLat(e.target.value)} autoComplete="off" />
            </Field>
            <Field id="profile-home-lng" label="Home area longitude" error={f.errors['profile-home-lng']}>
              <input inputMode="decimal" value={homeLng} onChange={(e) => setHomeLng(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <div className="pair">
            <Field id="profile-school-lat" label="School area latitude" error={f.errors['profile-school-lat']}>
              <input inputMode="decimal" value={schoolLat} onChange={(e) => setSchoolLat(e.target.value)} autoComplete="off" />
            </Field>
            <Field id="profile-school-lng" label="School area longitude" error={f.errors['profile-school-lng']}>
              <input inputMode="decimal" value={schoolLng} onChange={(e) => setSchoolLng(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <Field id="profile-siblings" label="Brothers and sisters to be placed together" error={f.errors['profile-siblings']}>
            <input inputMode="numeric" value={siblings} onChange={(e) => setSiblings(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" disabled={busy}>
            Save profile
          </button>
          {saved && (
            <p role="status" className="ok">
              Profile saved: the offers are ranked again.
            </p>
          )}
        </form>
      )}
    </details>
  );
}
