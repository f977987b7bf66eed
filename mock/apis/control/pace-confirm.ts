import type { operations } from '../../../spec/generated/mock-control.ts';
import type { MockContext } from '../context.ts';
import type { PaceConfirmOutcome } from '../../domain/pace.ts';
import type { Handler, HandlerContext, Reply } from '../../core/handler-types.ts';

type ConfirmOperation = operations['confirmPacePhoneChange'];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(status: number, title: string, text: string): Reply {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(text)}</p></body></html>`,
  };
}

function pageFor(outcome: PaceConfirmOutcome): Reply {
  switch (outcome.kind) {
    case 'confirmed':
      return page(200, 'Phone change confirmed', `Phone change confirmed; an SMS code was sent to ${outcome.phone}.`);
    case 'unknown':
      return page(404, 'Link not valid', 'This confirmation link is unknown or was already used.');
    case 'expired':
      return page(
        410,
        'Link expired',
        'This confirmation link expired and the phone change was cancelled. Please request the change again.',
      );
    case 'undelivered':
      return page(
        502,
        'SMS not delivered',
        outcome.retryAfter === null
          ? `The SMS code could not be delivered to ${outcome.phone}. Please try again later.`
          : `The SMS code could not be sent to ${outcome.phone} now: too many messages. Please open this link again in ${outcome.retryAfter} seconds.`,
      );
  }
}

/**
 * GET /__mock/pace/confirm/{token}: the link in PACE's confirmation email. Its answers are small
 * HTML pages for a browser, failures included (404, 410, 502), so they are replies rather than
 * thrown API errors.
 */
export const paceConfirmHandlers: { confirmPacePhoneChange: Handler<ConfirmOperation, undefined, MockContext> } = {
  // The handler type lists the 2xx answers only; the error pages are documented answers too.
  confirmPacePhoneChange: (async ({ params, world }: HandlerContext<ConfirmOperation, undefined, MockContext>): Promise<Reply> => {
    const outcome = world.services.pace.confirm(params.token);
    // A GET that changes state: the mount layer only commits after other methods.
    await world.store.commit();
    return pageFor(outcome);
  }) as unknown as Handler<ConfirmOperation, undefined, MockContext>,
};
