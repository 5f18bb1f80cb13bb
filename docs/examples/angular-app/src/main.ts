// Bootstraps the example app: a standalone component and the providers of app.config.ts.
import { bootstrapApplication } from '@angular/platform-browser'
import { appConfig } from './app/app.config'
import { BatchRunComponent } from './app/batch-run.component'

bootstrapApplication(BatchRunComponent, appConfig).catch((error: unknown) => console.error(error))
