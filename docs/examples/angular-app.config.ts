// Angular: app.config.ts, the client provided once for the whole app; which server it talks to.
import type { ApplicationConfig } from '@angular/core'
import { provideMistralBatch } from '@mistral-batch-rx/angular'

/**
 * `ng serve` against the local emulator (`mistral-batch-emulator --port 8080 --cors
 * http://localhost:4200`): the browser calls it directly, and it takes any key.
 */
export const emulatorConfig: ApplicationConfig = {
  providers: [provideMistralBatch({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'emulator' })],
}

/**
 * Mistral itself, through your own server's `/mistral` route, which replaces the key with the
 * real one (the dev server's proxy, or your backend). The browser never holds the real key.
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideMistralBatch({ baseUrl: `${location.origin}/mistral`, apiKey: 'set-by-the-proxy' }),
  ],
}
