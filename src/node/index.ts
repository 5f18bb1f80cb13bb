// mistral-batch-rx/node: Node-only helpers that move files between disk and the Files API.
export { downloadToFile$ } from './downloadToFile.js'
export { uploadFile$, type UploadFileOptions } from './uploadFile.js'
export type { FilesTarget } from './filesTarget.js'
