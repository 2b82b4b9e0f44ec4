import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace oddsgate {

    namespace v1 {

        interface IClientFrame extends oddsgate.v1.ClientFrame.$Properties {
        }

        class ClientFrame {
            constructor(properties?: oddsgate.v1.ClientFrame.$Properties);
            $unknowns?: Uint8Array[];
            subscribe?: (oddsgate.v1.Subscribe.$Properties|null);
            unsubscribe?: (oddsgate.v1.Unsubscribe.$Properties|null);
            ping?: (oddsgate.v1.Ping.$Properties|null);
            auth?: (oddsgate.v1.Auth.$Properties|null);
            placeBet?: (oddsgate.v1.PlaceBet.$Properties|null);
            kind?: ("subscribe"|"unsubscribe"|"ping"|"auth"|"placeBet");
            static create(properties: oddsgate.v1.ClientFrame.$Shape): oddsgate.v1.ClientFrame & oddsgate.v1.ClientFrame.$Shape;
            static create(properties?: oddsgate.v1.ClientFrame.$Properties): oddsgate.v1.ClientFrame;
            static encode(message: oddsgate.v1.ClientFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.ClientFrame & oddsgate.v1.ClientFrame.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientFrame {
            interface $Properties {
                subscribe?: (oddsgate.v1.Subscribe.$Properties|null);
                unsubscribe?: (oddsgate.v1.Unsubscribe.$Properties|null);
                ping?: (oddsgate.v1.Ping.$Properties|null);
                auth?: (oddsgate.v1.Auth.$Properties|null);
                placeBet?: (oddsgate.v1.PlaceBet.$Properties|null);
                kind?: ("subscribe"|"unsubscribe"|"ping"|"auth"|"placeBet");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              subscribe?: oddsgate.v1.Subscribe.$Shape|null;
              unsubscribe?: oddsgate.v1.Unsubscribe.$Shape|null;
              ping?: oddsgate.v1.Ping.$Shape|null;
              auth?: oddsgate.v1.Auth.$Shape|null;
              placeBet?: oddsgate.v1.PlaceBet.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; subscribe?: null; unsubscribe?: null; ping?: null; auth?: null; placeBet?: null }|{ kind?: "subscribe"; subscribe: oddsgate.v1.Subscribe.$Shape; unsubscribe?: null; ping?: null; auth?: null; placeBet?: null }|{ kind?: "unsubscribe"; subscribe?: null; unsubscribe: oddsgate.v1.Unsubscribe.$Shape; ping?: null; auth?: null; placeBet?: null }|{ kind?: "ping"; subscribe?: null; unsubscribe?: null; ping: oddsgate.v1.Ping.$Shape; auth?: null; placeBet?: null }|{ kind?: "auth"; subscribe?: null; unsubscribe?: null; ping?: null; auth: oddsgate.v1.Auth.$Shape; placeBet?: null }|{ kind?: "placeBet"; subscribe?: null; unsubscribe?: null; ping?: null; auth?: null; placeBet: oddsgate.v1.PlaceBet.$Shape })
            );
        }

        interface IAuth extends oddsgate.v1.Auth.$Properties {
        }

        class Auth {
            constructor(properties?: oddsgate.v1.Auth.$Properties);
            $unknowns?: Uint8Array[];
            token: string;
            static create(properties: oddsgate.v1.Auth.$Shape): oddsgate.v1.Auth & oddsgate.v1.Auth.$Shape;
            static create(properties?: oddsgate.v1.Auth.$Properties): oddsgate.v1.Auth;
            static encode(message: oddsgate.v1.Auth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Auth & oddsgate.v1.Auth.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Auth {
            interface $Properties {
                token?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Auth.$Properties;
        }

        enum PriceChangePolicy {
            PRICE_CHANGE_POLICY_NONE = 0,
            PRICE_CHANGE_POLICY_BETTER = 1,
            PRICE_CHANGE_POLICY_ANY = 2
        }

        interface IPlaceBet extends oddsgate.v1.PlaceBet.$Properties {
        }

        class PlaceBet {
            constructor(properties?: oddsgate.v1.PlaceBet.$Properties);
            $unknowns?: Uint8Array[];
            idempotencyKey: string;
            eventId: string;
            marketId: string;
            selectionId: string;
            price: number;
            seq: number;
            stake: number;
            currency: string;
            acceptPriceChange: oddsgate.v1.PriceChangePolicy;
            static create(properties: oddsgate.v1.PlaceBet.$Shape): oddsgate.v1.PlaceBet & oddsgate.v1.PlaceBet.$Shape;
            static create(properties?: oddsgate.v1.PlaceBet.$Properties): oddsgate.v1.PlaceBet;
            static encode(message: oddsgate.v1.PlaceBet.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.PlaceBet & oddsgate.v1.PlaceBet.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace PlaceBet {
            interface $Properties {
                idempotencyKey?: (string|null);
                eventId?: (string|null);
                marketId?: (string|null);
                selectionId?: (string|null);
                price?: (number|null);
                seq?: (number|null);
                stake?: (number|null);
                currency?: (string|null);
                acceptPriceChange?: (oddsgate.v1.PriceChangePolicy|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.PlaceBet.$Properties;
        }

        interface ISubscribe extends oddsgate.v1.Subscribe.$Properties {
        }

        class Subscribe {
            constructor(properties?: oddsgate.v1.Subscribe.$Properties);
            $unknowns?: Uint8Array[];
            events: oddsgate.v1.EventSubscription.$Properties[];
            static create(properties: oddsgate.v1.Subscribe.$Shape): oddsgate.v1.Subscribe & oddsgate.v1.Subscribe.$Shape;
            static create(properties?: oddsgate.v1.Subscribe.$Properties): oddsgate.v1.Subscribe;
            static encode(message: oddsgate.v1.Subscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Subscribe & oddsgate.v1.Subscribe.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Subscribe {
            interface $Properties {
                events?: (oddsgate.v1.EventSubscription.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Subscribe.$Properties;
        }

        interface IEventSubscription extends oddsgate.v1.EventSubscription.$Properties {
        }

        class EventSubscription {
            constructor(properties?: oddsgate.v1.EventSubscription.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            resume?: (oddsgate.v1.ResumePoint.$Properties|null);
            conflateMs: number;
            static create(properties: oddsgate.v1.EventSubscription.$Shape): oddsgate.v1.EventSubscription & oddsgate.v1.EventSubscription.$Shape;
            static create(properties?: oddsgate.v1.EventSubscription.$Properties): oddsgate.v1.EventSubscription;
            static encode(message: oddsgate.v1.EventSubscription.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.EventSubscription & oddsgate.v1.EventSubscription.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace EventSubscription {
            interface $Properties {
                eventId?: (string|null);
                resume?: (oddsgate.v1.ResumePoint.$Properties|null);
                conflateMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.EventSubscription.$Properties;
        }

        interface IResumePoint extends oddsgate.v1.ResumePoint.$Properties {
        }

        class ResumePoint {
            constructor(properties?: oddsgate.v1.ResumePoint.$Properties);
            $unknowns?: Uint8Array[];
            epoch: string;
            offset: string;
            static create(properties: oddsgate.v1.ResumePoint.$Shape): oddsgate.v1.ResumePoint & oddsgate.v1.ResumePoint.$Shape;
            static create(properties?: oddsgate.v1.ResumePoint.$Properties): oddsgate.v1.ResumePoint;
            static encode(message: oddsgate.v1.ResumePoint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.ResumePoint & oddsgate.v1.ResumePoint.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResumePoint {
            interface $Properties {
                epoch?: (string|null);
                offset?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.ResumePoint.$Properties;
        }

        interface IUnsubscribe extends oddsgate.v1.Unsubscribe.$Properties {
        }

        class Unsubscribe {
            constructor(properties?: oddsgate.v1.Unsubscribe.$Properties);
            $unknowns?: Uint8Array[];
            eventIds: string[];
            static create(properties: oddsgate.v1.Unsubscribe.$Shape): oddsgate.v1.Unsubscribe & oddsgate.v1.Unsubscribe.$Shape;
            static create(properties?: oddsgate.v1.Unsubscribe.$Properties): oddsgate.v1.Unsubscribe;
            static encode(message: oddsgate.v1.Unsubscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Unsubscribe & oddsgate.v1.Unsubscribe.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Unsubscribe {
            interface $Properties {
                eventIds?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Unsubscribe.$Properties;
        }

        interface IPing extends oddsgate.v1.Ping.$Properties {
        }

        class Ping {
            constructor(properties?: oddsgate.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            nonce: number;
            static create(properties: oddsgate.v1.Ping.$Shape): oddsgate.v1.Ping & oddsgate.v1.Ping.$Shape;
            static create(properties?: oddsgate.v1.Ping.$Properties): oddsgate.v1.Ping;
            static encode(message: oddsgate.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Ping & oddsgate.v1.Ping.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                nonce?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Ping.$Properties;
        }

        interface IServerFrame extends oddsgate.v1.ServerFrame.$Properties {
        }

        class ServerFrame {
            constructor(properties?: oddsgate.v1.ServerFrame.$Properties);
            $unknowns?: Uint8Array[];
            odds?: (oddsgate.v1.OddsUpdate.$Properties|null);
            snapshot?: (oddsgate.v1.Snapshot.$Properties|null);
            pong?: (oddsgate.v1.Pong.$Properties|null);
            error?: (oddsgate.v1.Error.$Properties|null);
            feedStatus?: (oddsgate.v1.FeedStatus.$Properties|null);
            eventInfo?: (oddsgate.v1.EventInfo.$Properties|null);
            welcome?: (oddsgate.v1.Welcome.$Properties|null);
            betResult?: (oddsgate.v1.BetResult.$Properties|null);
            drain?: (oddsgate.v1.Drain.$Properties|null);
            kind?: ("odds"|"snapshot"|"pong"|"error"|"feedStatus"|"eventInfo"|"welcome"|"betResult"|"drain");
            static create(properties: oddsgate.v1.ServerFrame.$Shape): oddsgate.v1.ServerFrame & oddsgate.v1.ServerFrame.$Shape;
            static create(properties?: oddsgate.v1.ServerFrame.$Properties): oddsgate.v1.ServerFrame;
            static encode(message: oddsgate.v1.ServerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.ServerFrame & oddsgate.v1.ServerFrame.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ServerFrame {
            interface $Properties {
                odds?: (oddsgate.v1.OddsUpdate.$Properties|null);
                snapshot?: (oddsgate.v1.Snapshot.$Properties|null);
                pong?: (oddsgate.v1.Pong.$Properties|null);
                error?: (oddsgate.v1.Error.$Properties|null);
                feedStatus?: (oddsgate.v1.FeedStatus.$Properties|null);
                eventInfo?: (oddsgate.v1.EventInfo.$Properties|null);
                welcome?: (oddsgate.v1.Welcome.$Properties|null);
                betResult?: (oddsgate.v1.BetResult.$Properties|null);
                drain?: (oddsgate.v1.Drain.$Properties|null);
                kind?: ("odds"|"snapshot"|"pong"|"error"|"feedStatus"|"eventInfo"|"welcome"|"betResult"|"drain");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              odds?: oddsgate.v1.OddsUpdate.$Shape|null;
              snapshot?: oddsgate.v1.Snapshot.$Shape|null;
              pong?: oddsgate.v1.Pong.$Shape|null;
              error?: oddsgate.v1.Error.$Shape|null;
              feedStatus?: oddsgate.v1.FeedStatus.$Shape|null;
              eventInfo?: oddsgate.v1.EventInfo.$Shape|null;
              welcome?: oddsgate.v1.Welcome.$Shape|null;
              betResult?: oddsgate.v1.BetResult.$Shape|null;
              drain?: oddsgate.v1.Drain.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "odds"; odds: oddsgate.v1.OddsUpdate.$Shape; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "snapshot"; odds?: null; snapshot: oddsgate.v1.Snapshot.$Shape; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "pong"; odds?: null; snapshot?: null; pong: oddsgate.v1.Pong.$Shape; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "error"; odds?: null; snapshot?: null; pong?: null; error: oddsgate.v1.Error.$Shape; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "feedStatus"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus: oddsgate.v1.FeedStatus.$Shape; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "eventInfo"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo: oddsgate.v1.EventInfo.$Shape; welcome?: null; betResult?: null; drain?: null }|{ kind?: "welcome"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome: oddsgate.v1.Welcome.$Shape; betResult?: null; drain?: null }|{ kind?: "betResult"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult: oddsgate.v1.BetResult.$Shape; drain?: null }|{ kind?: "drain"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain: oddsgate.v1.Drain.$Shape })
            );
        }

        interface IDrain extends oddsgate.v1.Drain.$Properties {
        }

        class Drain {
            constructor(properties?: oddsgate.v1.Drain.$Properties);
            $unknowns?: Uint8Array[];
            nodeId: string;
            nodeUrl: string;
            reconnectAtMs: number;
            deadlineMs: number;
            static create(properties: oddsgate.v1.Drain.$Shape): oddsgate.v1.Drain & oddsgate.v1.Drain.$Shape;
            static create(properties?: oddsgate.v1.Drain.$Properties): oddsgate.v1.Drain;
            static encode(message: oddsgate.v1.Drain.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Drain & oddsgate.v1.Drain.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Drain {
            interface $Properties {
                nodeId?: (string|null);
                nodeUrl?: (string|null);
                reconnectAtMs?: (number|null);
                deadlineMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Drain.$Properties;
        }

        interface IWelcome extends oddsgate.v1.Welcome.$Properties {
        }

        class Welcome {
            constructor(properties?: oddsgate.v1.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            nodeId: string;
            jurisdiction: string;
            authenticated: boolean;
            maxFrameBytes: number;
            maxSubscriptions: number;
            betRatePerSec: number;
            betBudgetMs: number;
            sid: string;
            ownerNodeId: string;
            ownerUrl: string;
            static create(properties: oddsgate.v1.Welcome.$Shape): oddsgate.v1.Welcome & oddsgate.v1.Welcome.$Shape;
            static create(properties?: oddsgate.v1.Welcome.$Properties): oddsgate.v1.Welcome;
            static encode(message: oddsgate.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Welcome & oddsgate.v1.Welcome.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                sessionId?: (string|null);
                nodeId?: (string|null);
                jurisdiction?: (string|null);
                authenticated?: (boolean|null);
                maxFrameBytes?: (number|null);
                maxSubscriptions?: (number|null);
                betRatePerSec?: (number|null);
                betBudgetMs?: (number|null);
                sid?: (string|null);
                ownerNodeId?: (string|null);
                ownerUrl?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Welcome.$Properties;
        }

        enum BetOutcome {
            BET_OUTCOME_UNSPECIFIED = 0,
            BET_OUTCOME_ACCEPTED = 1,
            BET_OUTCOME_REJECTED = 2,
            BET_OUTCOME_PENDING = 3,
            BET_OUTCOME_UNKNOWN = 4
        }

        enum RejectReason {
            REJECT_REASON_UNSPECIFIED = 0,
            REJECT_REASON_INVALID_BET = 1,
            REJECT_REASON_NOT_AUTHENTICATED = 2,
            REJECT_REASON_RATE_LIMITED = 3,
            REJECT_REASON_EVENT_NOT_SUBSCRIBED = 4,
            REJECT_REASON_UNKNOWN_SELECTION = 5,
            REJECT_REASON_MARKET_SUSPENDED = 6,
            REJECT_REASON_MARKET_CLOSED = 7,
            REJECT_REASON_PRICE_CHANGED = 8,
            REJECT_REASON_NO_CORE_FOR_JURISDICTION = 9,
            REJECT_REASON_CORE_UNAVAILABLE = 10,
            REJECT_REASON_IDEMPOTENCY_KEY_REUSED = 11,
            REJECT_REASON_DECLINED = 12,
            REJECT_REASON_TOKEN_EXPIRED = 13
        }

        interface IBetResult extends oddsgate.v1.BetResult.$Properties {
        }

        class BetResult {
            constructor(properties?: oddsgate.v1.BetResult.$Properties);
            $unknowns?: Uint8Array[];
            idempotencyKey: string;
            outcome: oddsgate.v1.BetOutcome;
            betId: string;
            acceptedPrice: number;
            reason: oddsgate.v1.RejectReason;
            currentPrice: number;
            message: string;
            static create(properties: oddsgate.v1.BetResult.$Shape): oddsgate.v1.BetResult & oddsgate.v1.BetResult.$Shape;
            static create(properties?: oddsgate.v1.BetResult.$Properties): oddsgate.v1.BetResult;
            static encode(message: oddsgate.v1.BetResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.BetResult & oddsgate.v1.BetResult.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace BetResult {
            interface $Properties {
                idempotencyKey?: (string|null);
                outcome?: (oddsgate.v1.BetOutcome|null);
                betId?: (string|null);
                acceptedPrice?: (number|null);
                reason?: (oddsgate.v1.RejectReason|null);
                currentPrice?: (number|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.BetResult.$Properties;
        }

        enum MarketStatus {
            MARKET_STATUS_UNSPECIFIED = 0,
            MARKET_STATUS_OPEN = 1,
            MARKET_STATUS_SUSPENDED = 2,
            MARKET_STATUS_CLOSED = 3
        }

        interface ISelection extends oddsgate.v1.Selection.$Properties {
        }

        class Selection {
            constructor(properties?: oddsgate.v1.Selection.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            price: number;
            static create(properties: oddsgate.v1.Selection.$Shape): oddsgate.v1.Selection & oddsgate.v1.Selection.$Shape;
            static create(properties?: oddsgate.v1.Selection.$Properties): oddsgate.v1.Selection;
            static encode(message: oddsgate.v1.Selection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Selection & oddsgate.v1.Selection.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Selection {
            interface $Properties {
                id?: (string|null);
                price?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Selection.$Properties;
        }

        interface IOddsUpdate extends oddsgate.v1.OddsUpdate.$Properties {
        }

        class OddsUpdate {
            constructor(properties?: oddsgate.v1.OddsUpdate.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            marketId: string;
            status: oddsgate.v1.MarketStatus;
            selections: oddsgate.v1.Selection.$Properties[];
            seq: number;
            offset: string;
            publishedAtMs: number;
            prevSeq: number;
            static create(properties: oddsgate.v1.OddsUpdate.$Shape): oddsgate.v1.OddsUpdate & oddsgate.v1.OddsUpdate.$Shape;
            static create(properties?: oddsgate.v1.OddsUpdate.$Properties): oddsgate.v1.OddsUpdate;
            static encode(message: oddsgate.v1.OddsUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.OddsUpdate & oddsgate.v1.OddsUpdate.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace OddsUpdate {
            interface $Properties {
                eventId?: (string|null);
                marketId?: (string|null);
                status?: (oddsgate.v1.MarketStatus|null);
                selections?: (oddsgate.v1.Selection.$Properties[]|null);
                seq?: (number|null);
                offset?: (string|null);
                publishedAtMs?: (number|null);
                prevSeq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.OddsUpdate.$Properties;
        }

        enum SnapshotMode {
            SNAPSHOT_MODE_UNSPECIFIED = 0,
            SNAPSHOT_MODE_REPLACE = 1,
            SNAPSHOT_MODE_CONTINUE = 2
        }

        interface ISnapshot extends oddsgate.v1.Snapshot.$Properties {
        }

        class Snapshot {
            constructor(properties?: oddsgate.v1.Snapshot.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            mode: oddsgate.v1.SnapshotMode;
            epoch: string;
            seq: number;
            offset: string;
            markets: oddsgate.v1.OddsUpdate.$Properties[];
            conflateMs: number;
            info?: (oddsgate.v1.EventInfo.$Properties|null);
            static create(properties: oddsgate.v1.Snapshot.$Shape): oddsgate.v1.Snapshot & oddsgate.v1.Snapshot.$Shape;
            static create(properties?: oddsgate.v1.Snapshot.$Properties): oddsgate.v1.Snapshot;
            static encode(message: oddsgate.v1.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Snapshot & oddsgate.v1.Snapshot.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Snapshot {
            interface $Properties {
                eventId?: (string|null);
                mode?: (oddsgate.v1.SnapshotMode|null);
                epoch?: (string|null);
                seq?: (number|null);
                offset?: (string|null);
                markets?: (oddsgate.v1.OddsUpdate.$Properties[]|null);
                conflateMs?: (number|null);
                info?: (oddsgate.v1.EventInfo.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Snapshot.$Properties;
        }

        interface IEventInfo extends oddsgate.v1.EventInfo.$Properties {
        }

        class EventInfo {
            constructor(properties?: oddsgate.v1.EventInfo.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            version: number;
            name: string;
            sport: string;
            competition: string;
            participants: oddsgate.v1.Participant.$Properties[];
            startsAtMs: number;
            phase: oddsgate.v1.EventPhase;
            score: number[];
            clock?: (oddsgate.v1.MatchClock.$Properties|null);
            markets: oddsgate.v1.MarketInfo.$Properties[];
            static create(properties: oddsgate.v1.EventInfo.$Shape): oddsgate.v1.EventInfo & oddsgate.v1.EventInfo.$Shape;
            static create(properties?: oddsgate.v1.EventInfo.$Properties): oddsgate.v1.EventInfo;
            static encode(message: oddsgate.v1.EventInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.EventInfo & oddsgate.v1.EventInfo.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace EventInfo {
            interface $Properties {
                eventId?: (string|null);
                version?: (number|null);
                name?: (string|null);
                sport?: (string|null);
                competition?: (string|null);
                participants?: (oddsgate.v1.Participant.$Properties[]|null);
                startsAtMs?: (number|null);
                phase?: (oddsgate.v1.EventPhase|null);
                score?: (number[]|null);
                clock?: (oddsgate.v1.MatchClock.$Properties|null);
                markets?: (oddsgate.v1.MarketInfo.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.EventInfo.$Properties;
        }

        interface IParticipant extends oddsgate.v1.Participant.$Properties {
        }

        class Participant {
            constructor(properties?: oddsgate.v1.Participant.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            name: string;
            static create(properties: oddsgate.v1.Participant.$Shape): oddsgate.v1.Participant & oddsgate.v1.Participant.$Shape;
            static create(properties?: oddsgate.v1.Participant.$Properties): oddsgate.v1.Participant;
            static encode(message: oddsgate.v1.Participant.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Participant & oddsgate.v1.Participant.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Participant {
            interface $Properties {
                id?: (string|null);
                name?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Participant.$Properties;
        }

        enum EventPhase {
            EVENT_PHASE_UNSPECIFIED = 0,
            EVENT_PHASE_PRE_MATCH = 1,
            EVENT_PHASE_LIVE = 2,
            EVENT_PHASE_BREAK = 3,
            EVENT_PHASE_ENDED = 4
        }

        interface IMatchClock extends oddsgate.v1.MatchClock.$Properties {
        }

        class MatchClock {
            constructor(properties?: oddsgate.v1.MatchClock.$Properties);
            $unknowns?: Uint8Array[];
            elapsedS: number;
            atMs: number;
            running: boolean;
            period: string;
            static create(properties: oddsgate.v1.MatchClock.$Shape): oddsgate.v1.MatchClock & oddsgate.v1.MatchClock.$Shape;
            static create(properties?: oddsgate.v1.MatchClock.$Properties): oddsgate.v1.MatchClock;
            static encode(message: oddsgate.v1.MatchClock.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.MatchClock & oddsgate.v1.MatchClock.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MatchClock {
            interface $Properties {
                elapsedS?: (number|null);
                atMs?: (number|null);
                running?: (boolean|null);
                period?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.MatchClock.$Properties;
        }

        interface IMarketInfo extends oddsgate.v1.MarketInfo.$Properties {
        }

        class MarketInfo {
            constructor(properties?: oddsgate.v1.MarketInfo.$Properties);
            $unknowns?: Uint8Array[];
            marketId: string;
            name: string;
            displayOrder: number;
            selections: oddsgate.v1.SelectionInfo.$Properties[];
            static create(properties: oddsgate.v1.MarketInfo.$Shape): oddsgate.v1.MarketInfo & oddsgate.v1.MarketInfo.$Shape;
            static create(properties?: oddsgate.v1.MarketInfo.$Properties): oddsgate.v1.MarketInfo;
            static encode(message: oddsgate.v1.MarketInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.MarketInfo & oddsgate.v1.MarketInfo.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MarketInfo {
            interface $Properties {
                marketId?: (string|null);
                name?: (string|null);
                displayOrder?: (number|null);
                selections?: (oddsgate.v1.SelectionInfo.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.MarketInfo.$Properties;
        }

        interface ISelectionInfo extends oddsgate.v1.SelectionInfo.$Properties {
        }

        class SelectionInfo {
            constructor(properties?: oddsgate.v1.SelectionInfo.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            name: string;
            static create(properties: oddsgate.v1.SelectionInfo.$Shape): oddsgate.v1.SelectionInfo & oddsgate.v1.SelectionInfo.$Shape;
            static create(properties?: oddsgate.v1.SelectionInfo.$Properties): oddsgate.v1.SelectionInfo;
            static encode(message: oddsgate.v1.SelectionInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.SelectionInfo & oddsgate.v1.SelectionInfo.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace SelectionInfo {
            interface $Properties {
                id?: (string|null);
                name?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.SelectionInfo.$Properties;
        }

        interface IFeedStatus extends oddsgate.v1.FeedStatus.$Properties {
        }

        class FeedStatus {
            constructor(properties?: oddsgate.v1.FeedStatus.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            stale: boolean;
            static create(properties: oddsgate.v1.FeedStatus.$Shape): oddsgate.v1.FeedStatus & oddsgate.v1.FeedStatus.$Shape;
            static create(properties?: oddsgate.v1.FeedStatus.$Properties): oddsgate.v1.FeedStatus;
            static encode(message: oddsgate.v1.FeedStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.FeedStatus & oddsgate.v1.FeedStatus.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace FeedStatus {
            interface $Properties {
                eventId?: (string|null);
                stale?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.FeedStatus.$Properties;
        }

        interface IPong extends oddsgate.v1.Pong.$Properties {
        }

        class Pong {
            constructor(properties?: oddsgate.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            nonce: number;
            serverTimeMs: number;
            static create(properties: oddsgate.v1.Pong.$Shape): oddsgate.v1.Pong & oddsgate.v1.Pong.$Shape;
            static create(properties?: oddsgate.v1.Pong.$Properties): oddsgate.v1.Pong;
            static encode(message: oddsgate.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Pong & oddsgate.v1.Pong.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                nonce?: (number|null);
                serverTimeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Pong.$Properties;
        }

        enum ErrorCode {
            ERROR_CODE_UNSPECIFIED = 0,
            ERROR_CODE_MALFORMED_FRAME = 1,
            ERROR_CODE_TEXT_FRAME = 2,
            ERROR_CODE_UNKNOWN_FRAME = 3,
            ERROR_CODE_INVALID_ARGUMENT = 4,
            ERROR_CODE_UNKNOWN_EVENT = 5,
            ERROR_CODE_TOO_MANY_SUBSCRIPTIONS = 6,
            ERROR_CODE_RATE_LIMITED = 7,
            ERROR_CODE_FEED_UNAVAILABLE = 8,
            ERROR_CODE_INTERNAL = 9,
            ERROR_CODE_UNAUTHENTICATED = 10,
            ERROR_CODE_TOKEN_EXPIRED = 11
        }

        interface IError extends oddsgate.v1.Error.$Properties {
        }

        class Error {
            constructor(properties?: oddsgate.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: oddsgate.v1.ErrorCode;
            message: string;
            eventId: string;
            static create(properties: oddsgate.v1.Error.$Shape): oddsgate.v1.Error & oddsgate.v1.Error.$Shape;
            static create(properties?: oddsgate.v1.Error.$Properties): oddsgate.v1.Error;
            static encode(message: oddsgate.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): oddsgate.v1.Error & oddsgate.v1.Error.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (oddsgate.v1.ErrorCode|null);
                message?: (string|null);
                eventId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = oddsgate.v1.Error.$Properties;
        }
    }
}
