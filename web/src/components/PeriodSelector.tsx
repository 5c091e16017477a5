/** The period of every page, kept in the URL (`?range=`): the named periods or any FROM..TO of days. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  addDays,
  isDay,
  parsePeriod,
  PERIOD_NAMES,
  periodLabel,
  rangeOf,
  withParam,
  type Period,
} from '../lib/period';

/** The period the URL holds, and why it was not read as written (shown by the selector). */
export function usePeriod(): { period: Period; error: string | null } {
  const [search] = useSearchParams();
  return parsePeriod(search.get('range'));
}

const today = () => new Date().toLocaleDateString('en-CA');

export function PeriodSelector() {
  const [search, setSearch] = useSearchParams();
  const { period, error } = usePeriod();
  const id = useId();
  const [custom, setCustom] = useState(period.kind === 'days');
  const [from, setFrom] = useState(period.kind === 'days' ? period.from : addDays(today(), -29));
  const [to, setTo] = useState(period.kind === 'days' ? period.to : today());
  useEffect(() => {
    if (period.kind === 'days') {
      setFrom(period.from);
      setTo(period.to);
    }
  }, [period]);
  const choose = (next: Period) => {
    setCustom(false);
    setSearch(withParam(search, 'range', rangeOf(next)));
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (isDay(from) && isDay(to) && from <= to) setSearch(withParam(search, 'range', `${from}..${to}`));
  };
  const invalid = !(isDay(from) && isDay(to)) || from > to;
  return (
    <div className="period">
      <div className="segmented" role="group" aria-label="Period">
        {PERIOD_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={!custom && period.kind === name}
            onClick={() => choose({ kind: name })}
          >
            {periodLabel({ kind: name })}
          </button>
        ))}
        <button type="button" aria-pressed={custom || period.kind === 'days'} onClick={() => setCustom(true)}>
          {period.kind === 'days' ? periodLabel(period) : 'From … to …'}
        </button>
      </div>
      {custom || period.kind === 'days' ? (
        <form className="custom-period" onSubmit={apply}>
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
          />
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" disabled={invalid}>
            Show
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error} Showing {periodLabel(period)}.
        </p>
      ) : null}
    </div>
  );
}
