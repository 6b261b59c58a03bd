/** Telegram only needs a 2xx; the body says the update was taken (stored, or already had). */
export class WebhookAckResponse {
  ok!: boolean;
}
