/** The card the echo bot sends after each text message. */
export declare const echoCard: Record<string, unknown>;

/** A running echo bot. */
export interface EchoBot {
  port: number;
  /** Its messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  endpoint: string;
  /** Every activity it received, in order. */
  received: { type: string; name?: string; text?: string; value?: unknown; from?: { id: string; aadObjectId?: string }; conversation?: { id: string; conversationType?: string } }[];
  close(): Promise<void>;
}

/** Starts the echo bot on 127.0.0.1 (port 0 picks a free one). */
export declare function startEchoBot(options?: { port?: number }): Promise<EchoBot>;
