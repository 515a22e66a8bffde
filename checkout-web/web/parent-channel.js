// The checkout page's line to the merchant page that embeds it (the SDK's iframe). Messages go only
// to the embedding page's origin where the browser tells us what it is; without that (an old
// browser with no referrer) they carry nothing a stranger could use: the payment id alone lets
// nobody read or change a payment without the merchant's secret.
export class ParentChannel {
  constructor(embedded) {
    this.enabled = embedded && window.parent !== window;
    this.targetOrigin = ParentChannel.embedderOrigin();
  }

  static embedderOrigin() {
    const ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') return ancestors[0];
    try {
      if (document.referrer) return new URL(document.referrer).origin;
    } catch {
      // fall through
    }
    return '*';
  }

  send(type, data) {
    if (!this.enabled) return;
    const message = data === undefined ? { type } : { type, data };
    window.parent.postMessage(message, this.targetOrigin);
  }
}
