// The app's providers: zoneless change detection (signals drive the view) and the batch client.
import { provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core'
import { provideMistralBatch } from '@mistral-batch-rx/angular'

// In development the client talks to the emulator (`npx @mistral-batch-rx/emulator --cors
// http://localhost:4200`), whose URL the page may name in `?api=`; it accepts any key. Against
// Mistral, point baseUrl at your backend's proxy instead: the key stays on the server.
const api = new URLSearchParams(globalThis.location?.search ?? '').get('api')

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideMistralBatch({ apiKey: 'emulator', baseUrl: api ?? 'http://127.0.0.1:8080' }),
  ],
}
