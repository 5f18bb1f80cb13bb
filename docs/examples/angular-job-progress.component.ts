// Angular: a component that shows a job's progress; the template's signal subscribes, not the service.
import { Component, inject, input } from '@angular/core'
import { toObservable, toSignal } from '@angular/core/rxjs-interop'
import { switchMap } from 'rxjs'
import { BatchJobsService } from './angular-batch.service.js'

/** `<app-job-progress [jobId]="id" />`: status and percentage, live until the job ends. */
@Component({
  selector: 'app-job-progress',
  template: `
    @if (progress(); as p) {
      <progress [value]="p.percent" max="100"></progress>
      {{ p.status }}: {{ p.done }} / {{ p.total }}
    }
  `,
})
export class JobProgressComponent {
  /** The job to follow. */
  readonly jobId = input.required<string>()
  private readonly jobs = inject(BatchJobsService)

  // A new job id stops the old watch (switchMap unsubscribes) and starts a new one.
  readonly progress = toSignal(
    toObservable(this.jobId).pipe(switchMap((id) => this.jobs.progress$(id))),
  )
}
