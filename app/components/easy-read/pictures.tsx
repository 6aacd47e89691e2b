import type { ReactNode } from "react";

/**
 * Easy read pictograms: one simple picture per idea, drawn inline in a 48×48 box (no request, no
 * script, a few hundred bytes each). Lines take the text colour; `fill` parts a light tint.
 */
const PICTURES = {
  clock: (
    <>
      <circle className="fill" cx="24" cy="24" r="18" />
      <path d="M24 13v11l7 5" />
    </>
  ),
  pause: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M19 16v16M29 16v16" />
    </>
  ),
  lock: (
    <>
      <rect className="fill" x="11" y="22" width="26" height="19" rx="3" />
      <path d="M16 22v-6a8 8 0 0 1 16 0v6M24 29v5" />
    </>
  ),
  numbers: (
    <>
      <path d="M6 42h36" />
      <rect className="fill" x="10" y="28" width="7" height="14" />
      <rect className="fill" x="21" y="19" width="7" height="23" />
      <rect className="fill" x="32" y="9" width="7" height="33" />
    </>
  ),
  noName: (
    <>
      <rect x="7" y="14" width="34" height="20" rx="3" />
      <path d="M13 21h16M13 27h10" />
      <path className="no" d="M8 42L40 6" />
    </>
  ),
  trustedAdult: (
    <>
      <circle cx="17" cy="12" r="5" />
      <path className="fill" d="M9 42V28a8 8 0 0 1 16 0v14z" />
      <circle cx="34" cy="21" r="4" />
      <path className="fill" d="M28 42v-9a6 6 0 0 1 12 0v9z" />
    </>
  ),
  question: (
    <>
      <path className="fill" d="M6 8h36v24H22l-9 8v-8H6z" />
      <path d="M20 16a4 4 0 1 1 5 4c-1 .4-1 1.2-1 2.5M24 26.5v.5" />
    </>
  ),
  heart: <path className="fill" d="M24 40S7 30 7 18a8.5 8.5 0 0 1 17-3 8.5 8.5 0 0 1 17 3c0 12-17 22-17 22z" />,
  words: (
    <>
      <path className="fill" d="M6 8h36v24H22l-9 8v-8H6z" />
      <path d="M13 16h22M13 23h14" />
    </>
  ),
  tick: (
    <>
      <circle className="fill" cx="24" cy="24" r="18" />
      <path d="M15 24l6 6 12-13" />
    </>
  ),
  receipt: (
    <>
      <path className="fill" d="M12 5h24v37l-4-3-4 3-4-3-4 3-4-3-4 3z" />
      <path d="M17 15h14M17 21h14M17 27h8" />
    </>
  ),
  search: (
    <>
      <circle className="fill" cx="20" cy="20" r="12" />
      <path d="M29 29l12 12" />
    </>
  ),
  bin: (
    <>
      <path d="M9 13h30M19 13V8h10v5" />
      <path className="fill" d="M13 13l2 29h18l2-29z" />
      <path d="M21 20v15M27 20v15" />
    </>
  ),
  phone: (
    <>
      <rect className="fill" x="14" y="5" width="20" height="38" rx="3" />
      <path d="M21 37h6" />
    </>
  ),
  pencil: (
    <>
      <path className="fill" d="M9 39l3-10L32 9l7 7-20 20z" />
      <path d="M28 13l7 7" />
    </>
  ),
  send: (
    <>
      <rect className="fill" x="5" y="11" width="38" height="26" rx="2" />
      <path d="M5 13l19 14 19-14" />
    </>
  ),
  megaphone: (
    <>
      <path className="fill" d="M7 19h9l19-9v28l-19-9H7z" />
      <path d="M16 29l3 11h5l-3-11M40 20v8" />
    </>
  ),
  people: (
    <>
      <circle cx="15" cy="14" r="5" />
      <circle cx="33" cy="14" r="5" />
      <path className="fill" d="M7 40V29a8 8 0 0 1 16 0v11zM25 40V29a8 8 0 0 1 16 0v11z" />
    </>
  ),
} as const;

export type PictureName = keyof typeof PICTURES;

/**
 * A picture for one idea. With no `label` it is decoration (hidden from assistive technology, the
 * `alt=""` of an inline SVG), because the sentence beside it says the same in words. With a
 * `label` it carries meaning of its own and is named by it.
 */
export function Picture({ name, label }: { name: PictureName; label?: string }) {
  const described = label ? { role: "img", "aria-label": label } : { "aria-hidden": true as const };
  return (
    <svg className={`pictogram pictogram--${name}`} viewBox="0 0 48 48" width="56" height="56" focusable="false" {...described}>
      {PICTURES[name]}
    </svg>
  );
}

/** One idea: its picture, then its sentence. */
export function Point({ picture, children, testId }: { picture: PictureName; children: ReactNode; testId?: string }) {
  return (
    <div className="easy-read-point" data-testid={testId}>
      <Picture name={picture} />
      <p className="body easy-read-point__text">{children}</p>
    </div>
  );
}
