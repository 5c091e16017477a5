/** A token the server shows once (a new user's first, or a rotated one): to copy and hand over. */
import { useId, useRef, useState } from 'react';

export function TokenOnce({
  user,
  token,
  title,
  onDone,
}: {
  user: string;
  token: string;
  title: string;
  onDone: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): leave it selected for Ctrl+C.
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <section className="card token-once" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>
        This token is shown only now: the server keeps only its hash. Copy it and give it to {user}, who signs
        in with it here and sets it as the ListenBrainz token of a scrobbler.
      </p>
      <div className="token-row">
        <label htmlFor={`${id}-token`}>Token for {user}</label>
        <input
          ref={input}
          id={`${id}-token`}
          className="token"
          readOnly
          value={token}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="muted small">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'no'
            ? 'This browser did not allow copying: the token is selected, press Ctrl+C (⌘C).'
            : ''}
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
