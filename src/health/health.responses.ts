export class AliveResponse {
  /** Always "ok": an answer at all means the process is up. @example "ok" */
  status!: 'ok';
}
