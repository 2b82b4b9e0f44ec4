import uWS from 'uWebSockets.js';
import type { TopicPublisher } from '../hub/hub-client.js';

/**
 * The uWS app and its native topic fan-out: the hub publishes each encoded
 * frame once and uWS copies it to every subscribed socket in C++. Created
 * before the hub (which publishes) and the edge (which serves the app).
 */
export class UwsFanout implements TopicPublisher {
  readonly app: uWS.TemplatedApp = uWS.App();

  publish(topic: string, frame: Uint8Array): void {
    this.app.publish(topic, frame, true);
  }
}
