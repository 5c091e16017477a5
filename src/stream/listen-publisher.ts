/**
 * The server as a producer (`serve --publish-to-kafka`): listens that passed /1/submit-listens'
 * checks become listen events (docs/listen-event.schema.json) on a topic, keyed by user name, and
 * the request is answered only once every in-sync broker acknowledged them (acks=all). Consumers
 * (`listenhouse stream consume`) do the writing.
 */
import { createHash } from 'node:crypto';
import type { StreamProducer } from './kafka-client.js';

export class ListenPublisher {
  constructor(
    private readonly producer: StreamProducer,
    readonly topic: string,
  ) {}

  /**
   * Publishes the listens (each the submitted JSON, `raw`) of one user. The event id is a digest of
   * the user and the listen, so a client sending the same listen again sends the same event.
   */
  async publish(userName: string, listens: readonly { raw: string }[]): Promise<void> {
    await this.producer.send(
      this.topic,
      listens.map(({ raw }) => {
        const listen = JSON.parse(raw) as { listened_at: unknown; track_metadata: unknown };
        const id = createHash('sha256').update(userName).update('\n').update(raw).digest('hex').slice(0, 32);
        return {
          key: userName,
          value: JSON.stringify({
            event_id: `api-${id}`,
            event_type: 'listen',
            user_name: userName,
            listened_at: listen.listened_at,
            track_metadata: listen.track_metadata,
          }),
        };
      }),
    );
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
