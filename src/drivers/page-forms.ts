import { createRequire } from 'node:module';
import type { HTMLElement } from 'node-html-parser';

// The HTML parser (~25 ms to load) is loaded when a driver first reads a payment page, not by every run.
let parser: typeof import('node-html-parser') | undefined;
function parse(html: string, options: Parameters<typeof import('node-html-parser').parse>[1]) {
  parser ??= createRequire(import.meta.url)('node-html-parser') as typeof import('node-html-parser');
  return parser.parse(html, options);
}

// A test page's forms as data: every control with its name, value and the text a person would read next to it.
// The auto driver judges these; it never runs the page's scripts.

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface Control {
  kind: 'hidden' | 'text' | 'select' | 'radio' | 'checkbox' | 'submit' | 'textarea';
  name: string;
  value: string;
  /** What a person reads for it: its label, placeholder, aria-label, title or button text. */
  label: string;
  /** Name, id, autocomplete, placeholder and label together: what the field is for. */
  hint: string;
  required: boolean;
  checked: boolean;
  options: Option[];
  /** A submit button's own formaction/formmethod. */
  action?: string;
  method?: string;
}

export interface PageForm {
  /** 1-based position on the page, for the report. */
  index: number;
  method: 'GET' | 'POST';
  /** Absolute URL the form submits to (its action resolved against the page URL). */
  action: string;
  /** The form's own words: id, name, class, action path, legend and headings inside it. */
  context: string;
  controls: Control[];
}

const TEXTLIKE = new Set(['text', 'tel', 'number', 'email', 'password', 'search', 'url', '']);

const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function labelOf(el: HTMLElement, root: HTMLElement): string {
  const id = el.getAttribute('id');
  const forLabel = id ? root.querySelectorAll('label').find((l) => l.getAttribute('for') === id) : undefined;
  const wrapping = el.closest('label');
  return squash(
    [
      forLabel?.text,
      wrapping?.text,
      el.getAttribute('aria-label'),
      el.getAttribute('placeholder'),
      el.getAttribute('title'),
    ]
      .filter(Boolean)
      .join(' '),
  );
}

function resolve(url: string | undefined, base: string): string {
  try {
    return new URL(url ?? '', base).href;
  } catch {
    return base;
  }
}

function control(el: HTMLElement, root: HTMLElement, pageUrl: string): Control | undefined {
  const tag = el.rawTagName.toLowerCase();
  const name = el.getAttribute('name') ?? '';
  const label = labelOf(el, root);
  const hint = squash(
    [
      name,
      el.getAttribute('id'),
      el.getAttribute('autocomplete'),
      el.getAttribute('placeholder'),
      label,
    ].join(' '),
  );
  const base = {
    name,
    label,
    hint,
    required: el.hasAttribute('required') || el.getAttribute('aria-required') === 'true',
    checked: el.hasAttribute('checked'),
    options: [] as Option[],
  };
  if (el.hasAttribute('disabled')) return undefined;
  if (tag === 'select') {
    const options = el.querySelectorAll('option').map((o) => ({
      value: o.getAttribute('value') ?? squash(o.text),
      label: squash(o.text),
      selected: o.hasAttribute('selected'),
    }));
    const chosen = options.find((o) => o.selected) ?? options[0];
    return { ...base, kind: 'select', value: chosen?.value ?? '', options };
  }
  if (tag === 'textarea') return { ...base, kind: 'textarea', value: el.text };
  if (tag === 'button') {
    const type = (el.getAttribute('type') ?? 'submit').toLowerCase();
    if (type !== 'submit') return undefined;
    return {
      ...base,
      kind: 'submit',
      value: el.getAttribute('value') ?? '',
      label: squash(`${el.text} ${label}`),
      action: el.hasAttribute('formaction') ? resolve(el.getAttribute('formaction'), pageUrl) : undefined,
      method: el.getAttribute('formmethod'),
    };
  }
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  const value = el.getAttribute('value') ?? '';
  if (type === 'hidden') return { ...base, kind: 'hidden', value };
  if (type === 'radio' || type === 'checkbox') return { ...base, kind: type, value: value || 'on' };
  if (type === 'submit' || type === 'image')
    return {
      ...base,
      kind: 'submit',
      value,
      label: squash(`${value} ${el.getAttribute('alt') ?? ''} ${label}`),
      action: el.hasAttribute('formaction') ? resolve(el.getAttribute('formaction'), pageUrl) : undefined,
      method: el.getAttribute('formmethod'),
    };
  if (TEXTLIKE.has(type) || type === 'month') return { ...base, kind: 'text', value };
  return undefined;
}

export interface ParsedPage {
  forms: PageForm[];
  /** The words a person reads on the page, one block per line (scripts and styles left out). */
  text: string;
  /** Whether the page carries scripts (a page with no form but scripts probably needs a browser). */
  scripted: boolean;
}

export function parsePage(html: string, pageUrl: string): ParsedPage {
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true } });
  const scripted = root.querySelectorAll('script').length > 0;
  for (const el of root.querySelectorAll('script, style, template, noscript')) el.remove();
  const forms = root.querySelectorAll('form').map((form, i): PageForm => {
    const id = form.getAttribute('id');
    // Controls inside the form, plus those outside that name it with form="id".
    const outside = id ? root.querySelectorAll('[form]').filter((el) => el.getAttribute('form') === id) : [];
    const controls = [...form.querySelectorAll('input, select, textarea, button'), ...outside]
      .map((el) => control(el, root, pageUrl))
      .filter((c): c is Control => c !== undefined);
    const action = resolve(form.getAttribute('action'), pageUrl);
    const method = (form.getAttribute('method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const context = squash(
      [
        id,
        form.getAttribute('name'),
        form.getAttribute('class'),
        new URL(action).pathname,
        ...form.querySelectorAll('legend, h1, h2, h3, h4').map((h) => h.text),
      ].join(' '),
    );
    return { index: i + 1, method, action, context, controls };
  });
  const text = root.structuredText.split('\n').map(squash).filter(Boolean).join('\n');
  return { forms, text, scripted };
}
