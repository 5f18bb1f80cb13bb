// Angular: a standalone component that shows a job's progress from a signal, and what ended it.
import { Component, input } from '@angular/core'
import { jobProgress } from '@mistral-batch-rx/angular'

/** `<app-job-progress [jobId]="id" />`: status and counters, live until the job ends. */
@Component({
  selector: 'app-job-progress',
  template: `
    @if (job(); as j) {
      <progress [value]="j.completed_requests" [max]="j.total_requests"></progress>
      {{ j.status }}: {{ j.completed_requests }} / {{ j.total_requests }}
    } @else {
      Loading…
    }
    @if (job.error(); as error) {
      <p role="alert">Stopped following the job: {{ error.message }}</p>
    }
  `,
})
export class JobProgressComponent {
  /** The job to follow. */
  readonly jobId = input.required<string>()

  // A new jobId stops the old watch and starts a new one; destroying the component stops it.
  readonly job = jobProgress(this.jobId)
}
