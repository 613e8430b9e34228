import type { CommentFieldError } from '../../core/comments/comment.ts';
import { LIMITS } from '../../core/comments/validate.ts';
import type { MessageKey, Translator } from '../i18n/index.ts';
import { empty, h, type Html } from '../html.ts';
import type { CommentField, CommentFormState, PostPageView } from '../views.ts';

type InputField = 'comment' | 'author' | 'email' | 'url';

interface FieldSpec {
  name: InputField;
  label: MessageKey;
  type: 'textarea' | 'text' | 'email';
  /** The keyboard to offer on phones; the website is type=text so "example.org" without a scheme is taken. */
  inputmode?: 'url';
  required: boolean;
  maxlength: number;
  autocomplete?: string;
  /** Help under the control, read with it (aria-describedby). */
  note?: { id: string; key: MessageKey };
}

const FIELD_MESSAGES: Record<InputField, Record<'required' | 'invalid' | 'too-long', MessageKey>> = {
  comment: {
    required: 'error.comment.required',
    invalid: 'error.comment.invalid',
    'too-long': 'error.generic',
  },
  author: {
    required: 'error.author.required',
    invalid: 'error.author.invalid',
    'too-long': 'error.author.tooLong',
  },
  email: {
    required: 'error.email.required',
    invalid: 'error.email.invalid',
    'too-long': 'error.email.tooLong',
  },
  url: { required: 'error.url.required', invalid: 'error.url.invalid', 'too-long': 'error.url.tooLong' },
};

const FORM_MESSAGES: Partial<Record<CommentFieldError, MessageKey>> = {
  closed: 'error.form.closed',
  'not-found': 'error.form.notFound',
  'too-fast': 'error.form.tooFast',
  expired: 'error.form.expired',
  duplicate: 'error.form.duplicate',
};

/** Summary order: what stops the whole form first, then the fields top to bottom. */
const ERROR_ORDER: CommentField[] = ['form', 'parent', 'comment', 'author', 'email', 'url'];
const INPUTS = new Set<CommentField>(['comment', 'author', 'email', 'url']);

/** The sentence for one refused field, in the reader's language. */
export function errorMessage(
  field: CommentField,
  code: CommentFieldError,
  t: Translator,
  context: { maxLength: number; retryAfter?: number },
): string {
  if (code === 'rate-limited') {
    const wait = Math.ceil(context.retryAfter ?? 0);
    return wait > 0 ? t.plural('error.form.rateLimited', wait) : t.t('error.form.rateLimitedSoon');
  }
  if (field === 'comment' && code === 'too-long') return t.plural('error.comment.tooLong', context.maxLength);
  if (code === 'too-large') return t.plural('error.form.tooLarge', context.maxLength);
  if (field === 'parent' && code === 'not-found') return t.t('error.parent.notFound');
  if (field === 'url' && code === 'credentials') return t.t('error.url.credentials');
  if (INPUTS.has(field) && (code === 'required' || code === 'invalid' || code === 'too-long')) {
    return t.t(FIELD_MESSAGES[field as InputField][code]);
  }
  return t.t(FORM_MESSAGES[code] ?? 'error.generic');
}

function fieldSpecs(maxLength: number): FieldSpec[] {
  return [
    { name: 'comment', label: 'form.comment', type: 'textarea', required: true, maxlength: maxLength,
      note: { id: 'comment-hint', key: 'form.commentHint' } },
    { name: 'author', label: 'form.name', type: 'text', required: true, maxlength: LIMITS.author, autocomplete: 'name' },
    { name: 'email', label: 'form.email', type: 'email', required: true, maxlength: LIMITS.email, autocomplete: 'email',
      note: { id: 'email-note', key: 'form.emailNote' } },
    { name: 'url', label: 'form.website', type: 'text', inputmode: 'url', required: false, maxlength: LIMITS.url, autocomplete: 'url' },
  ]; // prettier-ignore
}

function control(spec: FieldSpec, value: string, describedBy: string[], invalid: boolean): Html {
  const attrs = h`id="${spec.name}" name="${spec.name}" maxlength="${spec.maxlength}"${spec.required ? h` required` : empty}${
    describedBy.length > 0 ? h` aria-describedby="${describedBy.join(' ')}"` : empty
  }${invalid ? h` aria-invalid="true"` : empty}`;
  // The parser drops one newline right after <textarea>: this one, so a leading newline typed survives.
  if (spec.type === 'textarea') return h`<textarea ${attrs} rows="8">\n${value}</textarea>`;
  return h`<input type="${spec.type}" ${attrs} value="${value}"${spec.inputmode ? h` inputmode="${spec.inputmode}"` : empty}${spec.autocomplete ? h` autocomplete="${spec.autocomplete}"` : empty}>`;
}

function field(spec: FieldSpec, value: string, error: string | undefined, t: Translator): Html {
  const errorId = `${spec.name}-error`;
  const describedBy = [...(error ? [errorId] : []), ...(spec.note ? [spec.note.id] : [])];
  return h`<div class="field field-${spec.name}">
<label for="${spec.name}">${t.t(spec.label)}${spec.required ? h` <span class="req" aria-hidden="true">*</span>` : empty}</label>
${error ? h`<span class="field-error" id="${errorId}">${error}</span>` : empty}${control(spec, value, describedBy, Boolean(error))}${
    spec.note
      ? h`<span class="${spec.name === 'comment' ? 'hint' : 'note'}" id="${spec.note.id}">${t.t(spec.note.key)}</span>`
      : empty
  }
</div>`;
}

/** `duplicateOf`: where the comment the reader already posted is, linked after "You already said that". */
function errorSummary(messages: Map<CommentField, string>, t: Translator, duplicateOf?: string): Html {
  if (messages.size === 0) return empty;
  const items = [...messages].map(([name, message]) =>
    INPUTS.has(name)
      ? h`<li><a href="#${name}">${message}</a></li>`
      : name === 'form' && duplicateOf
        ? h`<li>${message} <a href="${duplicateOf}">${t.t('error.form.duplicateLink')}</a></li>`
        : h`<li>${message}</li>`,
  );
  return h`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h3 id="error-summary-title">${t.t('form.errorTitle')}</h3>
<ul>${items}</ul>
</div>`;
}

function messagesFor(
  state: CommentFormState | null,
  t: Translator,
  maxLength: number,
): Map<CommentField, string> {
  const messages = new Map<CommentField, string>();
  if (!state) return messages;
  for (const name of ERROR_ORDER) {
    const code = state.errors[name];
    if (code) messages.set(name, errorMessage(name, code, t, { maxLength, retryAfter: state.retryAfter }));
  }
  return messages;
}

function checkbox(
  name: 'notify_replies' | 'notify_posts',
  checked: boolean,
  label: MessageKey,
  t: Translator,
): Html {
  return h`<div class="check"><input type="checkbox" id="${name}" name="${name}" value="1"${checked ? h` checked` : empty}><label for="${name}">${t.t(label)}</label></div>`;
}

/**
 * `#respond`: "Leave a Reply", or "Reply to NAME" with a way back, and the form with all it needs.
 * The action's fragment matters only when the form comes back refused (success redirects to the new
 * comment): the browser then scrolls to the error summary and focuses it, with or without script.
 */
export function commentForm(view: PostPageView, t: Translator): Html {
  const { form, path, site } = view;
  const maxLength = site.settings.commentMaxLength;
  const values = form.state?.values;
  const messages = messagesFor(form.state, t, maxLength);
  const leave = t.t('comments.leaveReply');
  const heading = form.replyTo ? t.t('comments.replyHeading', { name: form.replyTo.authorName }) : leave;
  const fields = fieldSpecs(maxLength).map((spec) =>
    field(spec, values?.[spec.name] ?? '', messages.get(spec.name), t),
  );
  return h`<div id="respond" class="comment-respond" data-title="${leave}">
<h2 id="reply-title">${heading}</h2>
<p class="cancel-reply" id="cancel-reply"${form.replyTo ? empty : h` hidden`}><a id="cancel-comment-reply-link" rel="nofollow" href="${path}#respond">${t.t('comments.cancelReply')}</a></p>
<form method="post" action="${form.action}#error-summary" id="commentform" class="comment-form">
<input type="hidden" name="post_id" value="${form.postId}">
<input type="hidden" name="comment_parent" value="${form.replyTo?.id ?? 0}">
<input type="hidden" name="token" value="${form.token}">
${errorSummary(messages, t, form.state?.errors.form === 'duplicate' ? form.state.duplicateOf : undefined)}<p class="required-note">${t.t('form.requiredNote')}</p>
${fields}
${checkbox('notify_replies', values?.notifyReplies ?? false, 'form.notifyReplies', t)}
${checkbox('notify_posts', values?.notifyPosts ?? false, 'form.notifyPosts', t)}
<div class="hp" aria-hidden="true"><label for="hp_website">${t.t('form.honeypot')}</label><input type="text" id="hp_website" name="hp_website" value="" tabindex="-1" autocomplete="off"></div>
<p class="form-submit"><button type="submit">${t.t('form.submit')}</button></p>
</form>
</div>`;
}
