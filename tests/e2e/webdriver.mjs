// A small W3C WebDriver client over Node's fetch: just what the end-to-end test needs to drive
// the real app window through tauri-driver (which forwards to WebKitWebDriver). No npm
// dependencies, so the test runs from a clean clone with Node alone.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A WebDriver error with the driver's error code (`no such element`, `no such alert`, …). */
export class WebDriverError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

const DEBUG = Boolean(process.env.E2E_DEBUG);

async function request(base, method, path, body) {
  if (DEBUG) process.stderr.write(`webdriver: ${method} ${path} ${body === undefined ? '' : JSON.stringify(body).slice(0, 160)}\n`);
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError('bad response', `${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  }
  const value = json.value;
  if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(value?.error ?? String(response.status), value?.message ?? text.slice(0, 300));
  }
  return value;
}

/** Waits until `probe` returns a truthy value (not an exception), or fails with `what`. */
export async function waitFor(what, probe, { timeout = 15_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** An element of the page, by WebDriver reference. */
export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  get path() {
    return `/element/${this.id}`;
  }
  click() {
    return this.session.call('POST', `${this.path}/click`, {});
  }
  text() {
    return this.session.call('GET', `${this.path}/text`);
  }
  attribute(name) {
    return this.session.call('GET', `${this.path}/attribute/${encodeURIComponent(name)}`);
  }
  async type(text) {
    await this.session.call('POST', `${this.path}/clear`, {});
    return this.session.call('POST', `${this.path}/value`, { text });
  }
  async find(selector) {
    return this.session.wrap(await this.session.call('POST', `${this.path}/element`, locator(selector)));
  }
  async findAll(selector) {
    const found = await this.session.call('POST', `${this.path}/elements`, locator(selector));
    return found.map((e) => this.session.wrap(e));
  }
  /** The element as a script argument. */
  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

/** CSS by default; a selector starting with `/` or `(` is XPath. */
function locator(selector) {
  return selector.startsWith('/') || selector.startsWith('(')
    ? { using: 'xpath', value: selector }
    : { using: 'css selector', value: selector };
}

/** One WebDriver session: the app window. */
export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities });
    return new Session(base, value.sessionId);
  }

  call(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  wrap(reference) {
    return new Element(this, reference[ELEMENT]);
  }

  async find(selector) {
    return this.wrap(await this.call('POST', '/element', locator(selector)));
  }

  async findAll(selector) {
    const found = await this.call('POST', '/elements', locator(selector));
    return found.map((e) => this.wrap(e));
  }

  /**
   * Waits for the first element matching `selector` that a user could see, scrolled into view.
   * (WebKitWebDriver's own "displayed" check says no to some visible elements inside
   * scrolling panels, so the page is asked directly.)
   */
  waitFor(selector, options) {
    return waitFor(
      `an element ${selector}`,
      async () => {
        for (const element of await this.findAll(selector)) if (await this.visible(element)) return element;
        return null;
      },
      options,
    );
  }

  /** Scrolls `element` into view and says whether it has a box and is not hidden. */
  visible(element) {
    return this.execute(
      `const e = arguments[0];
       e.scrollIntoView({ block: 'nearest' });
       const box = e.getBoundingClientRect();
       const style = getComputedStyle(e);
       return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !e.closest('[hidden], [inert]');`,
      element,
    );
  }

  /** Runs `script` (a function body) in the page; `arguments` are passed as given. */
  execute(script, ...args) {
    return this.call('POST', '/execute/sync', { script, args });
  }

  /** Runs `script` in the page; it finishes by calling `arguments[arguments.length - 1](value)`. */
  executeAsync(script, ...args) {
    return this.call('POST', '/execute/async', { script, args });
  }

  /** The open alert/confirm/prompt's text, or null when none is open. */
  async alertText() {
    try {
      return await this.call('GET', '/alert/text');
    } catch (error) {
      if (error instanceof WebDriverError && error.code === 'no such alert') return null;
      throw error;
    }
  }

  /** A PNG of the window, after two animation frames so it shows the current state. */
  async screenshot() {
    await this.executeAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
    return Buffer.from(await this.call('GET', '/screenshot'), 'base64');
  }

  async close() {
    try {
      await request(this.base, 'DELETE', `/session/${this.id}`);
    } catch {
      // The app may already have gone; the driver is stopped next anyway.
    }
  }
}
