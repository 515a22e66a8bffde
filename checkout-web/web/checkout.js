/*
 * checkout.js: the Payment Gateway SDK for merchant pages.
 *
 *   <script src="http://localhost:3001/checkout.js"></script>
 *   const checkout = new PaymentGateway({ key, orderId, onSuccess(data), onFailure(error), onClose() });
 *   checkout.open();
 *
 * open() shows the hosted checkout in a modal iframe served from the same origin as this script.
 * The iframe reports back by postMessage; only messages from that origin and that iframe count.
 * After a success, onSuccess is called once and the modal closes by itself once the checkout has
 * shown its success state for SUCCESS_SHOWN_MS; onClose is only for the shopper's own dismissal
 * (Escape, the close button) before that.
 * Plain modern JavaScript: no build step, no dependencies, nothing global but PaymentGateway.
 */
(() => {
  'use strict';
  if (window.PaymentGateway) return; // loaded twice: keep the first

  const SUCCESS_SHOWN_MS = 1500;

  const scriptUrl = (() => {
    const current = document.currentScript;
    if (current && current.src) return new URL(current.src, location.href);
    for (const s of document.querySelectorAll('script[src]'))
      if (/\/checkout\.js(?:[?#]|$)/.test(s.src)) return new URL(s.src, location.href);
    return null;
  })();

  const STYLE = `
#payment-gateway-modal { position: fixed; inset: 0; z-index: 2147483646; margin: 0; padding: 0; }
#payment-gateway-modal .modal-overlay {
  position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  padding: 24px; box-sizing: border-box; margin: 0; background: rgba(15, 23, 42, .6);
  animation: pg-fade-in .16s ease-out;
}
#payment-gateway-modal .modal-content {
  position: relative; box-sizing: border-box; width: 440px; max-width: 100%; height: 720px;
  max-height: calc(100vh - 48px); margin: 0; padding: 0; border: 0; border-radius: 16px; overflow: hidden;
  background: #fff; box-shadow: 0 24px 64px rgba(0, 0, 0, .35); animation: pg-rise .2s ease-out;
}
#payment-gateway-modal iframe { display: block; width: 100%; height: 100%; border: 0; margin: 0; padding: 0; }
#payment-gateway-modal .pg-close {
  position: absolute; top: 12px; right: 12px; width: 36px; height: 36px; margin: 0; padding: 0;
  display: grid; place-items: center; border: 0; border-radius: 50%; cursor: pointer;
  background: #f1f5f9; color: #334155; font: 400 24px/1 system-ui, sans-serif;
}
#payment-gateway-modal .pg-close:hover { background: #e2e8f0; }
#payment-gateway-modal .pg-close:focus-visible { outline: 3px solid rgba(79, 70, 229, .5); outline-offset: 2px; }
@media (max-width: 520px) {
  #payment-gateway-modal .modal-overlay { padding: 0; }
  #payment-gateway-modal .modal-content { width: 100%; height: 100%; max-height: none; border-radius: 0; }
}
@keyframes pg-fade-in { from { opacity: 0; } }
@keyframes pg-rise { from { transform: translateY(12px); opacity: .6; } }
@media (prefers-reduced-motion: reduce) {
  #payment-gateway-modal .modal-overlay, #payment-gateway-modal .modal-content { animation: none; }
}`;

  // A constructable stylesheet where the browser has them: unlike a <style> element it is not
  // blocked by a merchant's Content-Security-Policy.
  let styleInstalled = false;
  function installStyle() {
    if (styleInstalled) return;
    styleInstalled = true;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
  }

  function element(tag, attributes, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) node.appendChild(child);
    return node;
  }

  class PaymentGateway {
    constructor(options = {}) {
      if (!options.key || typeof options.key !== 'string') throw new TypeError('PaymentGateway: key is required');
      if (!options.orderId || typeof options.orderId !== 'string')
        throw new TypeError('PaymentGateway: orderId is required');
      const base = options.checkoutUrl ? new URL(options.checkoutUrl, location.href) : scriptUrl;
      if (!base) throw new Error('PaymentGateway: cannot tell where checkout.js came from; pass checkoutUrl');
      this._options = options;
      this._checkoutOrigin = base.origin;
      // The page lives next to the script: …/checkout.js → …/checkout
      this._checkoutPage = new URL(options.checkoutUrl ? base.pathname : base.pathname.replace(/checkout\.js$/, 'checkout'),
        base.origin);
      this._modal = null;
      this._onMessage = this._onMessage.bind(this);
      this._onKeyDown = this._onKeyDown.bind(this);
      this._onFocusIn = this._onFocusIn.bind(this);
    }

    get isOpen() {
      return this._modal !== null;
    }

    open() {
      if (this._modal) return;
      installStyle();
      const url = new URL(this._checkoutPage);
      url.searchParams.set('order_id', this._options.orderId);
      url.searchParams.set('key', this._options.key);
      url.searchParams.set('embedded', 'true');

      this._iframe = element('iframe', {
        'data-test-id': 'payment-iframe', src: url.href, title: 'Secure checkout', allow: 'payment',
      });
      this._closeButton = element('button', {
        type: 'button', class: 'pg-close', 'data-test-id': 'close-modal-button', 'aria-label': 'Close checkout',
      });
      this._closeButton.textContent = '×';
      this._closeButton.addEventListener('click', () => this.close());
      const content = element('div', { class: 'modal-content' }, [this._iframe, this._closeButton]);
      const overlay = element('div', { class: 'modal-overlay' }, [content]);
      this._modal = element('div', {
        id: 'payment-gateway-modal', 'data-test-id': 'payment-modal', role: 'dialog', 'aria-modal': 'true',
        'aria-label': 'Checkout',
      }, [overlay]);

      this._returnFocus = document.activeElement;
      this._lockScroll();
      document.body.appendChild(this._modal);
      window.addEventListener('message', this._onMessage);
      document.addEventListener('keydown', this._onKeyDown, true);
      document.addEventListener('focusin', this._onFocusIn, true);
      this._iframe.focus();
      this._succeeded = false;
    }

    // The shopper's dismissal, or the merchant's: onClose, unless the payment has succeeded (the
    // merchant has had onSuccess and the modal was about to close by itself).
    close() {
      if (!this._modal) return;
      clearTimeout(this._successTimer);
      window.removeEventListener('message', this._onMessage);
      document.removeEventListener('keydown', this._onKeyDown, true);
      document.removeEventListener('focusin', this._onFocusIn, true);
      this._modal.remove();
      this._modal = null;
      this._iframe = null;
      this._unlockScroll();
      if (this._returnFocus && typeof this._returnFocus.focus === 'function' && this._returnFocus.isConnected)
        this._returnFocus.focus();
      this._returnFocus = null;
      if (!this._succeeded) this._call('onClose');
    }

    _onMessage(event) {
      if (event.origin !== this._checkoutOrigin) return;
      if (!this._iframe || event.source !== this._iframe.contentWindow) return;
      const message = event.data;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      const data = message.data && typeof message.data === 'object' ? message.data : {};
      switch (message.type) {
      case 'payment_success':
        if (typeof data.paymentId !== 'string' || this._succeeded) return;
        this._succeeded = true;
        this._call('onSuccess', data);
        // The callback may have closed the modal already.
        if (this._modal) this._successTimer = setTimeout(() => this.close(), SUCCESS_SHOWN_MS);
        break;
      case 'payment_failed':
        this._call('onFailure', data);
        break;
      case 'close_modal':
        this.close();
        break;
      default:
        break;
      }
    }

    _onKeyDown(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      } else if (event.key === 'Tab') {
        // Only two stops on this side of the iframe: the iframe and the close button.
        const stops = [this._iframe, this._closeButton];
        const at = stops.indexOf(document.activeElement);
        event.preventDefault();
        stops[(at + (event.shiftKey ? stops.length - 1 : 1) + stops.length) % stops.length].focus();
      }
    }

    // Focus that escapes to the page behind (e.g. Shift+Tab out of the iframe) is brought back.
    _onFocusIn(event) {
      if (this._modal && !this._modal.contains(event.target)) this._closeButton.focus();
    }

    _lockScroll() {
      const root = document.documentElement;
      const scrollbar = window.innerWidth - root.clientWidth;
      this._savedScroll = {
        rootOverflow: root.style.overflow,
        bodyOverflow: document.body.style.overflow,
        bodyPaddingRight: document.body.style.paddingRight,
      };
      root.style.overflow = 'hidden';
      document.body.style.overflow = 'hidden';
      if (scrollbar > 0) // keep the page from shifting sideways when its scrollbar goes
        document.body.style.paddingRight = `${(parseFloat(getComputedStyle(document.body).paddingRight) || 0) + scrollbar}px`;
    }

    _unlockScroll() {
      const saved = this._savedScroll;
      document.documentElement.style.overflow = saved.rootOverflow;
      document.body.style.overflow = saved.bodyOverflow;
      document.body.style.paddingRight = saved.bodyPaddingRight;
    }

    _call(name, data) {
      const callback = this._options[name];
      if (typeof callback !== 'function') return;
      try {
        callback(data);
      } catch (e) {
        // A merchant's callback that throws must not leave the modal half-closed.
        setTimeout(() => { throw e; });
      }
    }
  }

  window.PaymentGateway = PaymentGateway;
})();
