/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const oddsgate = $root.oddsgate = (() => {

    /**
     * Namespace oddsgate.
     * @exports oddsgate
     * @namespace
     */
    const oddsgate = {};

    oddsgate.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof oddsgate
         * @namespace
         */
        const v1 = {};

        v1.ClientFrame = (function() {

            /**
             * Properties of a ClientFrame.
             * @typedef {Object} oddsgate.v1.ClientFrame.$Properties
             * @property {oddsgate.v1.Subscribe.$Properties|null} [subscribe] ClientFrame subscribe
             * @property {oddsgate.v1.Unsubscribe.$Properties|null} [unsubscribe] ClientFrame unsubscribe
             * @property {oddsgate.v1.Ping.$Properties|null} [ping] ClientFrame ping
             * @property {oddsgate.v1.Auth.$Properties|null} [auth] ClientFrame auth
             * @property {oddsgate.v1.PlaceBet.$Properties|null} [placeBet] ClientFrame placeBet
             * @property {"subscribe"|"unsubscribe"|"ping"|"auth"|"placeBet"} [kind] ClientFrame kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientFrame.
             * @memberof oddsgate.v1
             * @interface IClientFrame
             * @augments oddsgate.v1.ClientFrame.$Properties
             * @deprecated Use oddsgate.v1.ClientFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientFrame.
             * @typedef {{
             *   subscribe?: oddsgate.v1.Subscribe.$Shape|null;
             *   unsubscribe?: oddsgate.v1.Unsubscribe.$Shape|null;
             *   ping?: oddsgate.v1.Ping.$Shape|null;
             *   auth?: oddsgate.v1.Auth.$Shape|null;
             *   placeBet?: oddsgate.v1.PlaceBet.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; subscribe?: null; unsubscribe?: null; ping?: null; auth?: null; placeBet?: null }|{ kind?: "subscribe"; subscribe: oddsgate.v1.Subscribe.$Shape; unsubscribe?: null; ping?: null; auth?: null; placeBet?: null }|{ kind?: "unsubscribe"; subscribe?: null; unsubscribe: oddsgate.v1.Unsubscribe.$Shape; ping?: null; auth?: null; placeBet?: null }|{ kind?: "ping"; subscribe?: null; unsubscribe?: null; ping: oddsgate.v1.Ping.$Shape; auth?: null; placeBet?: null }|{ kind?: "auth"; subscribe?: null; unsubscribe?: null; ping?: null; auth: oddsgate.v1.Auth.$Shape; placeBet?: null }|{ kind?: "placeBet"; subscribe?: null; unsubscribe?: null; ping?: null; auth?: null; placeBet: oddsgate.v1.PlaceBet.$Shape })
             * )} oddsgate.v1.ClientFrame.$Shape
             */

            /**
             * Constructs a new ClientFrame.
             * @memberof oddsgate.v1
             * @classdesc Represents a ClientFrame.
             * @constructor
             * @param {oddsgate.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientFrame subscribe.
             * @member {oddsgate.v1.Subscribe.$Properties|null|undefined} subscribe
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.subscribe = null;

            /**
             * ClientFrame unsubscribe.
             * @member {oddsgate.v1.Unsubscribe.$Properties|null|undefined} unsubscribe
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.unsubscribe = null;

            /**
             * ClientFrame ping.
             * @member {oddsgate.v1.Ping.$Properties|null|undefined} ping
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.ping = null;

            /**
             * ClientFrame auth.
             * @member {oddsgate.v1.Auth.$Properties|null|undefined} auth
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.auth = null;

            /**
             * ClientFrame placeBet.
             * @member {oddsgate.v1.PlaceBet.$Properties|null|undefined} placeBet
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.placeBet = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientFrame kind.
             * @member {"subscribe"|"unsubscribe"|"ping"|"auth"|"placeBet"|undefined} kind
             * @memberof oddsgate.v1.ClientFrame
             * @instance
             */
            $Object.defineProperty(ClientFrame.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["subscribe", "unsubscribe", "ping", "auth", "placeBet"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.ClientFrame
             * @static
             * @param {oddsgate.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.ClientFrame} ClientFrame instance
             * @type {{
             *   (properties: oddsgate.v1.ClientFrame.$Shape): oddsgate.v1.ClientFrame & oddsgate.v1.ClientFrame.$Shape;
             *   (properties?: oddsgate.v1.ClientFrame.$Properties): oddsgate.v1.ClientFrame;
             * }}
             */
            ClientFrame.create = function(properties) {
                return new ClientFrame(properties);
            };

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link oddsgate.v1.ClientFrame.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.ClientFrame
             * @static
             * @param {oddsgate.v1.ClientFrame.$Properties} message ClientFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.subscribe != null && $Object.hasOwnProperty.call(message, "subscribe"))
                    $root.oddsgate.v1.Subscribe.encode(message.subscribe, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.unsubscribe != null && $Object.hasOwnProperty.call(message, "unsubscribe"))
                    $root.oddsgate.v1.Unsubscribe.encode(message.unsubscribe, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.oddsgate.v1.Ping.encode(message.ping, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.auth != null && $Object.hasOwnProperty.call(message, "auth"))
                    $root.oddsgate.v1.Auth.encode(message.auth, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.placeBet != null && $Object.hasOwnProperty.call(message, "placeBet"))
                    $root.oddsgate.v1.PlaceBet.encode(message.placeBet, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.ClientFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.ClientFrame & oddsgate.v1.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.ClientFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.subscribe = $root.oddsgate.v1.Subscribe.decode(reader, reader.size(), $undefined, _depth + 1, message.subscribe);
                            message.kind = "subscribe";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.unsubscribe = $root.oddsgate.v1.Unsubscribe.decode(reader, reader.size(), $undefined, _depth + 1, message.unsubscribe);
                            message.kind = "unsubscribe";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.oddsgate.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.kind = "ping";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.auth = $root.oddsgate.v1.Auth.decode(reader, reader.size(), $undefined, _depth + 1, message.auth);
                            message.kind = "auth";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.placeBet = $root.oddsgate.v1.PlaceBet.decode(reader, reader.size(), $undefined, _depth + 1, message.placeBet);
                            message.kind = "placeBet";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ClientFrame
             * @function getTypeUrl
             * @memberof oddsgate.v1.ClientFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.ClientFrame";
            };

            return ClientFrame;
        })();

        v1.Auth = (function() {

            /**
             * Properties of an Auth.
             * @typedef {Object} oddsgate.v1.Auth.$Properties
             * @property {string|null} [token] Auth token
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Auth.
             * @memberof oddsgate.v1
             * @interface IAuth
             * @augments oddsgate.v1.Auth.$Properties
             * @deprecated Use oddsgate.v1.Auth.$Properties instead.
             */

            /**
             * Shape of an Auth.
             * @typedef {oddsgate.v1.Auth.$Properties} oddsgate.v1.Auth.$Shape
             */

            /**
             * Constructs a new Auth.
             * @memberof oddsgate.v1
             * @classdesc Represents an Auth.
             * @constructor
             * @param {oddsgate.v1.Auth.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Auth = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Auth token.
             * @member {string} token
             * @memberof oddsgate.v1.Auth
             * @instance
             */
            Auth.prototype.token = "";

            /**
             * Creates a new Auth instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Auth
             * @static
             * @param {oddsgate.v1.Auth.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Auth} Auth instance
             * @type {{
             *   (properties: oddsgate.v1.Auth.$Shape): oddsgate.v1.Auth & oddsgate.v1.Auth.$Shape;
             *   (properties?: oddsgate.v1.Auth.$Properties): oddsgate.v1.Auth;
             * }}
             */
            Auth.create = function(properties) {
                return new Auth(properties);
            };

            /**
             * Encodes the specified Auth message. Does not implicitly {@link oddsgate.v1.Auth.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Auth
             * @static
             * @param {oddsgate.v1.Auth.$Properties} message Auth message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Auth.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Auth message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Auth
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Auth & oddsgate.v1.Auth.$Shape} Auth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Auth.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Auth();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Auth
             * @function getTypeUrl
             * @memberof oddsgate.v1.Auth
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Auth.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Auth";
            };

            return Auth;
        })();

        /**
         * PriceChangePolicy enum.
         * @name oddsgate.v1.PriceChangePolicy
         * @enum {number}
         * @property {number} PRICE_CHANGE_POLICY_NONE=0 PRICE_CHANGE_POLICY_NONE value
         * @property {number} PRICE_CHANGE_POLICY_BETTER=1 PRICE_CHANGE_POLICY_BETTER value
         * @property {number} PRICE_CHANGE_POLICY_ANY=2 PRICE_CHANGE_POLICY_ANY value
         */
        v1.PriceChangePolicy = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PRICE_CHANGE_POLICY_NONE"] = 0;
            values[valuesById[1] = "PRICE_CHANGE_POLICY_BETTER"] = 1;
            values[valuesById[2] = "PRICE_CHANGE_POLICY_ANY"] = 2;
            return values;
        })();

        v1.PlaceBet = (function() {

            /**
             * Properties of a PlaceBet.
             * @typedef {Object} oddsgate.v1.PlaceBet.$Properties
             * @property {string|null} [idempotencyKey] PlaceBet idempotencyKey
             * @property {string|null} [eventId] PlaceBet eventId
             * @property {string|null} [marketId] PlaceBet marketId
             * @property {string|null} [selectionId] PlaceBet selectionId
             * @property {number|null} [price] PlaceBet price
             * @property {number|null} [seq] PlaceBet seq
             * @property {number|null} [stake] PlaceBet stake
             * @property {string|null} [currency] PlaceBet currency
             * @property {oddsgate.v1.PriceChangePolicy|null} [acceptPriceChange] PlaceBet acceptPriceChange
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlaceBet.
             * @memberof oddsgate.v1
             * @interface IPlaceBet
             * @augments oddsgate.v1.PlaceBet.$Properties
             * @deprecated Use oddsgate.v1.PlaceBet.$Properties instead.
             */

            /**
             * Shape of a PlaceBet.
             * @typedef {oddsgate.v1.PlaceBet.$Properties} oddsgate.v1.PlaceBet.$Shape
             */

            /**
             * Constructs a new PlaceBet.
             * @memberof oddsgate.v1
             * @classdesc Represents a PlaceBet.
             * @constructor
             * @param {oddsgate.v1.PlaceBet.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlaceBet = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlaceBet idempotencyKey.
             * @member {string} idempotencyKey
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.idempotencyKey = "";

            /**
             * PlaceBet eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.eventId = "";

            /**
             * PlaceBet marketId.
             * @member {string} marketId
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.marketId = "";

            /**
             * PlaceBet selectionId.
             * @member {string} selectionId
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.selectionId = "";

            /**
             * PlaceBet price.
             * @member {number} price
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.price = 0;

            /**
             * PlaceBet seq.
             * @member {number} seq
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * PlaceBet stake.
             * @member {number} stake
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.stake = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * PlaceBet currency.
             * @member {string} currency
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.currency = "";

            /**
             * PlaceBet acceptPriceChange.
             * @member {oddsgate.v1.PriceChangePolicy} acceptPriceChange
             * @memberof oddsgate.v1.PlaceBet
             * @instance
             */
            PlaceBet.prototype.acceptPriceChange = 0;

            /**
             * Creates a new PlaceBet instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.PlaceBet
             * @static
             * @param {oddsgate.v1.PlaceBet.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.PlaceBet} PlaceBet instance
             * @type {{
             *   (properties: oddsgate.v1.PlaceBet.$Shape): oddsgate.v1.PlaceBet & oddsgate.v1.PlaceBet.$Shape;
             *   (properties?: oddsgate.v1.PlaceBet.$Properties): oddsgate.v1.PlaceBet;
             * }}
             */
            PlaceBet.create = function(properties) {
                return new PlaceBet(properties);
            };

            /**
             * Encodes the specified PlaceBet message. Does not implicitly {@link oddsgate.v1.PlaceBet.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.PlaceBet
             * @static
             * @param {oddsgate.v1.PlaceBet.$Properties} message PlaceBet message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlaceBet.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.idempotencyKey != null && $Object.hasOwnProperty.call(message, "idempotencyKey") && message.idempotencyKey !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.idempotencyKey);
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.eventId);
                if (message.marketId != null && $Object.hasOwnProperty.call(message, "marketId") && message.marketId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.marketId);
                if (message.selectionId != null && $Object.hasOwnProperty.call(message, "selectionId") && message.selectionId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.selectionId);
                if (message.price != null && $Object.hasOwnProperty.call(message, "price") && message.price !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.price);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.seq);
                if (message.stake != null && $Object.hasOwnProperty.call(message, "stake") && (typeof message.stake === "object" ? message.stake.low || message.stake.high : message.stake !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.stake);
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.currency);
                if (message.acceptPriceChange != null && $Object.hasOwnProperty.call(message, "acceptPriceChange") && message.acceptPriceChange !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).int32(message.acceptPriceChange);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PlaceBet message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.PlaceBet
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.PlaceBet & oddsgate.v1.PlaceBet.$Shape} PlaceBet
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlaceBet.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.PlaceBet();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.idempotencyKey = value;
                            else
                                delete message.idempotencyKey;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.marketId = value;
                            else
                                delete message.marketId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.selectionId = value;
                            else
                                delete message.selectionId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.price = value;
                            else
                                delete message.price;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.stake = value;
                            else
                                delete message.stake;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.currency = value;
                            else
                                delete message.currency;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.acceptPriceChange = value;
                            else
                                delete message.acceptPriceChange;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for PlaceBet
             * @function getTypeUrl
             * @memberof oddsgate.v1.PlaceBet
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PlaceBet.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.PlaceBet";
            };

            return PlaceBet;
        })();

        v1.Subscribe = (function() {

            /**
             * Properties of a Subscribe.
             * @typedef {Object} oddsgate.v1.Subscribe.$Properties
             * @property {Array.<oddsgate.v1.EventSubscription.$Properties>|null} [events] Subscribe events
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Subscribe.
             * @memberof oddsgate.v1
             * @interface ISubscribe
             * @augments oddsgate.v1.Subscribe.$Properties
             * @deprecated Use oddsgate.v1.Subscribe.$Properties instead.
             */

            /**
             * Shape of a Subscribe.
             * @typedef {oddsgate.v1.Subscribe.$Properties} oddsgate.v1.Subscribe.$Shape
             */

            /**
             * Constructs a new Subscribe.
             * @memberof oddsgate.v1
             * @classdesc Represents a Subscribe.
             * @constructor
             * @param {oddsgate.v1.Subscribe.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Subscribe = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Subscribe events.
             * @member {Array.<oddsgate.v1.EventSubscription.$Properties>} events
             * @memberof oddsgate.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.events = $util.emptyArray;

            /**
             * Creates a new Subscribe instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Subscribe
             * @static
             * @param {oddsgate.v1.Subscribe.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Subscribe} Subscribe instance
             * @type {{
             *   (properties: oddsgate.v1.Subscribe.$Shape): oddsgate.v1.Subscribe & oddsgate.v1.Subscribe.$Shape;
             *   (properties?: oddsgate.v1.Subscribe.$Properties): oddsgate.v1.Subscribe;
             * }}
             */
            Subscribe.create = function(properties) {
                return new Subscribe(properties);
            };

            /**
             * Encodes the specified Subscribe message. Does not implicitly {@link oddsgate.v1.Subscribe.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Subscribe
             * @static
             * @param {oddsgate.v1.Subscribe.$Properties} message Subscribe message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Subscribe.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.oddsgate.v1.EventSubscription.encode(message.events[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Subscribe message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Subscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Subscribe & oddsgate.v1.Subscribe.$Shape} Subscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Subscribe.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Subscribe();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.oddsgate.v1.EventSubscription.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Subscribe
             * @function getTypeUrl
             * @memberof oddsgate.v1.Subscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Subscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Subscribe";
            };

            return Subscribe;
        })();

        v1.EventSubscription = (function() {

            /**
             * Properties of an EventSubscription.
             * @typedef {Object} oddsgate.v1.EventSubscription.$Properties
             * @property {string|null} [eventId] EventSubscription eventId
             * @property {oddsgate.v1.ResumePoint.$Properties|null} [resume] EventSubscription resume
             * @property {number|null} [conflateMs] EventSubscription conflateMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventSubscription.
             * @memberof oddsgate.v1
             * @interface IEventSubscription
             * @augments oddsgate.v1.EventSubscription.$Properties
             * @deprecated Use oddsgate.v1.EventSubscription.$Properties instead.
             */

            /**
             * Shape of an EventSubscription.
             * @typedef {oddsgate.v1.EventSubscription.$Properties} oddsgate.v1.EventSubscription.$Shape
             */

            /**
             * Constructs a new EventSubscription.
             * @memberof oddsgate.v1
             * @classdesc Represents an EventSubscription.
             * @constructor
             * @param {oddsgate.v1.EventSubscription.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventSubscription = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EventSubscription eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.EventSubscription
             * @instance
             */
            EventSubscription.prototype.eventId = "";

            /**
             * EventSubscription resume.
             * @member {oddsgate.v1.ResumePoint.$Properties|null|undefined} resume
             * @memberof oddsgate.v1.EventSubscription
             * @instance
             */
            EventSubscription.prototype.resume = null;

            /**
             * EventSubscription conflateMs.
             * @member {number} conflateMs
             * @memberof oddsgate.v1.EventSubscription
             * @instance
             */
            EventSubscription.prototype.conflateMs = 0;

            /**
             * Creates a new EventSubscription instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.EventSubscription
             * @static
             * @param {oddsgate.v1.EventSubscription.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.EventSubscription} EventSubscription instance
             * @type {{
             *   (properties: oddsgate.v1.EventSubscription.$Shape): oddsgate.v1.EventSubscription & oddsgate.v1.EventSubscription.$Shape;
             *   (properties?: oddsgate.v1.EventSubscription.$Properties): oddsgate.v1.EventSubscription;
             * }}
             */
            EventSubscription.create = function(properties) {
                return new EventSubscription(properties);
            };

            /**
             * Encodes the specified EventSubscription message. Does not implicitly {@link oddsgate.v1.EventSubscription.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.EventSubscription
             * @static
             * @param {oddsgate.v1.EventSubscription.$Properties} message EventSubscription message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventSubscription.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.resume != null && $Object.hasOwnProperty.call(message, "resume"))
                    $root.oddsgate.v1.ResumePoint.encode(message.resume, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.conflateMs != null && $Object.hasOwnProperty.call(message, "conflateMs") && message.conflateMs !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.conflateMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EventSubscription message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.EventSubscription
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.EventSubscription & oddsgate.v1.EventSubscription.$Shape} EventSubscription
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventSubscription.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.EventSubscription();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.resume = $root.oddsgate.v1.ResumePoint.decode(reader, reader.size(), $undefined, _depth + 1, message.resume);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.conflateMs = value;
                            else
                                delete message.conflateMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for EventSubscription
             * @function getTypeUrl
             * @memberof oddsgate.v1.EventSubscription
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EventSubscription.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.EventSubscription";
            };

            return EventSubscription;
        })();

        v1.ResumePoint = (function() {

            /**
             * Properties of a ResumePoint.
             * @typedef {Object} oddsgate.v1.ResumePoint.$Properties
             * @property {string|null} [epoch] ResumePoint epoch
             * @property {string|null} [offset] ResumePoint offset
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResumePoint.
             * @memberof oddsgate.v1
             * @interface IResumePoint
             * @augments oddsgate.v1.ResumePoint.$Properties
             * @deprecated Use oddsgate.v1.ResumePoint.$Properties instead.
             */

            /**
             * Shape of a ResumePoint.
             * @typedef {oddsgate.v1.ResumePoint.$Properties} oddsgate.v1.ResumePoint.$Shape
             */

            /**
             * Constructs a new ResumePoint.
             * @memberof oddsgate.v1
             * @classdesc Represents a ResumePoint.
             * @constructor
             * @param {oddsgate.v1.ResumePoint.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ResumePoint = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ResumePoint epoch.
             * @member {string} epoch
             * @memberof oddsgate.v1.ResumePoint
             * @instance
             */
            ResumePoint.prototype.epoch = "";

            /**
             * ResumePoint offset.
             * @member {string} offset
             * @memberof oddsgate.v1.ResumePoint
             * @instance
             */
            ResumePoint.prototype.offset = "";

            /**
             * Creates a new ResumePoint instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.ResumePoint
             * @static
             * @param {oddsgate.v1.ResumePoint.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.ResumePoint} ResumePoint instance
             * @type {{
             *   (properties: oddsgate.v1.ResumePoint.$Shape): oddsgate.v1.ResumePoint & oddsgate.v1.ResumePoint.$Shape;
             *   (properties?: oddsgate.v1.ResumePoint.$Properties): oddsgate.v1.ResumePoint;
             * }}
             */
            ResumePoint.create = function(properties) {
                return new ResumePoint(properties);
            };

            /**
             * Encodes the specified ResumePoint message. Does not implicitly {@link oddsgate.v1.ResumePoint.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.ResumePoint
             * @static
             * @param {oddsgate.v1.ResumePoint.$Properties} message ResumePoint message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResumePoint.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.epoch);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.offset);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ResumePoint message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.ResumePoint
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.ResumePoint & oddsgate.v1.ResumePoint.$Shape} ResumePoint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResumePoint.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.ResumePoint();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ResumePoint
             * @function getTypeUrl
             * @memberof oddsgate.v1.ResumePoint
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResumePoint.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.ResumePoint";
            };

            return ResumePoint;
        })();

        v1.Unsubscribe = (function() {

            /**
             * Properties of an Unsubscribe.
             * @typedef {Object} oddsgate.v1.Unsubscribe.$Properties
             * @property {Array.<string>|null} [eventIds] Unsubscribe eventIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Unsubscribe.
             * @memberof oddsgate.v1
             * @interface IUnsubscribe
             * @augments oddsgate.v1.Unsubscribe.$Properties
             * @deprecated Use oddsgate.v1.Unsubscribe.$Properties instead.
             */

            /**
             * Shape of an Unsubscribe.
             * @typedef {oddsgate.v1.Unsubscribe.$Properties} oddsgate.v1.Unsubscribe.$Shape
             */

            /**
             * Constructs a new Unsubscribe.
             * @memberof oddsgate.v1
             * @classdesc Represents an Unsubscribe.
             * @constructor
             * @param {oddsgate.v1.Unsubscribe.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Unsubscribe = function (properties) {
                this.eventIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Unsubscribe eventIds.
             * @member {Array.<string>} eventIds
             * @memberof oddsgate.v1.Unsubscribe
             * @instance
             */
            Unsubscribe.prototype.eventIds = $util.emptyArray;

            /**
             * Creates a new Unsubscribe instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Unsubscribe
             * @static
             * @param {oddsgate.v1.Unsubscribe.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Unsubscribe} Unsubscribe instance
             * @type {{
             *   (properties: oddsgate.v1.Unsubscribe.$Shape): oddsgate.v1.Unsubscribe & oddsgate.v1.Unsubscribe.$Shape;
             *   (properties?: oddsgate.v1.Unsubscribe.$Properties): oddsgate.v1.Unsubscribe;
             * }}
             */
            Unsubscribe.create = function(properties) {
                return new Unsubscribe(properties);
            };

            /**
             * Encodes the specified Unsubscribe message. Does not implicitly {@link oddsgate.v1.Unsubscribe.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Unsubscribe
             * @static
             * @param {oddsgate.v1.Unsubscribe.$Properties} message Unsubscribe message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Unsubscribe.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventIds != null && message.eventIds.length)
                    for (let i = 0; i < message.eventIds.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Unsubscribe message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Unsubscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Unsubscribe & oddsgate.v1.Unsubscribe.$Shape} Unsubscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Unsubscribe.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Unsubscribe();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.eventIds && message.eventIds.length))
                                message.eventIds = [];
                            message.eventIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Unsubscribe
             * @function getTypeUrl
             * @memberof oddsgate.v1.Unsubscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Unsubscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Unsubscribe";
            };

            return Unsubscribe;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} oddsgate.v1.Ping.$Properties
             * @property {number|null} [nonce] Ping nonce
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof oddsgate.v1
             * @interface IPing
             * @augments oddsgate.v1.Ping.$Properties
             * @deprecated Use oddsgate.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {oddsgate.v1.Ping.$Properties} oddsgate.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof oddsgate.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {oddsgate.v1.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ping nonce.
             * @member {number} nonce
             * @memberof oddsgate.v1.Ping
             * @instance
             */
            Ping.prototype.nonce = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Ping
             * @static
             * @param {oddsgate.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Ping} Ping instance
             * @type {{
             *   (properties: oddsgate.v1.Ping.$Shape): oddsgate.v1.Ping & oddsgate.v1.Ping.$Shape;
             *   (properties?: oddsgate.v1.Ping.$Properties): oddsgate.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link oddsgate.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Ping
             * @static
             * @param {oddsgate.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && (typeof message.nonce === "object" ? message.nonce.low || message.nonce.high : message.nonce !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.nonce);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Ping & oddsgate.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof oddsgate.v1.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Ping";
            };

            return Ping;
        })();

        v1.ServerFrame = (function() {

            /**
             * Properties of a ServerFrame.
             * @typedef {Object} oddsgate.v1.ServerFrame.$Properties
             * @property {oddsgate.v1.OddsUpdate.$Properties|null} [odds] ServerFrame odds
             * @property {oddsgate.v1.Snapshot.$Properties|null} [snapshot] ServerFrame snapshot
             * @property {oddsgate.v1.Pong.$Properties|null} [pong] ServerFrame pong
             * @property {oddsgate.v1.Error.$Properties|null} [error] ServerFrame error
             * @property {oddsgate.v1.FeedStatus.$Properties|null} [feedStatus] ServerFrame feedStatus
             * @property {oddsgate.v1.EventInfo.$Properties|null} [eventInfo] ServerFrame eventInfo
             * @property {oddsgate.v1.Welcome.$Properties|null} [welcome] ServerFrame welcome
             * @property {oddsgate.v1.BetResult.$Properties|null} [betResult] ServerFrame betResult
             * @property {oddsgate.v1.Drain.$Properties|null} [drain] ServerFrame drain
             * @property {"odds"|"snapshot"|"pong"|"error"|"feedStatus"|"eventInfo"|"welcome"|"betResult"|"drain"} [kind] ServerFrame kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServerFrame.
             * @memberof oddsgate.v1
             * @interface IServerFrame
             * @augments oddsgate.v1.ServerFrame.$Properties
             * @deprecated Use oddsgate.v1.ServerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ServerFrame.
             * @typedef {{
             *   odds?: oddsgate.v1.OddsUpdate.$Shape|null;
             *   snapshot?: oddsgate.v1.Snapshot.$Shape|null;
             *   pong?: oddsgate.v1.Pong.$Shape|null;
             *   error?: oddsgate.v1.Error.$Shape|null;
             *   feedStatus?: oddsgate.v1.FeedStatus.$Shape|null;
             *   eventInfo?: oddsgate.v1.EventInfo.$Shape|null;
             *   welcome?: oddsgate.v1.Welcome.$Shape|null;
             *   betResult?: oddsgate.v1.BetResult.$Shape|null;
             *   drain?: oddsgate.v1.Drain.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "odds"; odds: oddsgate.v1.OddsUpdate.$Shape; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "snapshot"; odds?: null; snapshot: oddsgate.v1.Snapshot.$Shape; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "pong"; odds?: null; snapshot?: null; pong: oddsgate.v1.Pong.$Shape; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "error"; odds?: null; snapshot?: null; pong?: null; error: oddsgate.v1.Error.$Shape; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "feedStatus"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus: oddsgate.v1.FeedStatus.$Shape; eventInfo?: null; welcome?: null; betResult?: null; drain?: null }|{ kind?: "eventInfo"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo: oddsgate.v1.EventInfo.$Shape; welcome?: null; betResult?: null; drain?: null }|{ kind?: "welcome"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome: oddsgate.v1.Welcome.$Shape; betResult?: null; drain?: null }|{ kind?: "betResult"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult: oddsgate.v1.BetResult.$Shape; drain?: null }|{ kind?: "drain"; odds?: null; snapshot?: null; pong?: null; error?: null; feedStatus?: null; eventInfo?: null; welcome?: null; betResult?: null; drain: oddsgate.v1.Drain.$Shape })
             * )} oddsgate.v1.ServerFrame.$Shape
             */

            /**
             * Constructs a new ServerFrame.
             * @memberof oddsgate.v1
             * @classdesc Represents a ServerFrame.
             * @constructor
             * @param {oddsgate.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServerFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ServerFrame odds.
             * @member {oddsgate.v1.OddsUpdate.$Properties|null|undefined} odds
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.odds = null;

            /**
             * ServerFrame snapshot.
             * @member {oddsgate.v1.Snapshot.$Properties|null|undefined} snapshot
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.snapshot = null;

            /**
             * ServerFrame pong.
             * @member {oddsgate.v1.Pong.$Properties|null|undefined} pong
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.pong = null;

            /**
             * ServerFrame error.
             * @member {oddsgate.v1.Error.$Properties|null|undefined} error
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.error = null;

            /**
             * ServerFrame feedStatus.
             * @member {oddsgate.v1.FeedStatus.$Properties|null|undefined} feedStatus
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.feedStatus = null;

            /**
             * ServerFrame eventInfo.
             * @member {oddsgate.v1.EventInfo.$Properties|null|undefined} eventInfo
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.eventInfo = null;

            /**
             * ServerFrame welcome.
             * @member {oddsgate.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.welcome = null;

            /**
             * ServerFrame betResult.
             * @member {oddsgate.v1.BetResult.$Properties|null|undefined} betResult
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.betResult = null;

            /**
             * ServerFrame drain.
             * @member {oddsgate.v1.Drain.$Properties|null|undefined} drain
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.drain = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ServerFrame kind.
             * @member {"odds"|"snapshot"|"pong"|"error"|"feedStatus"|"eventInfo"|"welcome"|"betResult"|"drain"|undefined} kind
             * @memberof oddsgate.v1.ServerFrame
             * @instance
             */
            $Object.defineProperty(ServerFrame.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["odds", "snapshot", "pong", "error", "feedStatus", "eventInfo", "welcome", "betResult", "drain"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.ServerFrame
             * @static
             * @param {oddsgate.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.ServerFrame} ServerFrame instance
             * @type {{
             *   (properties: oddsgate.v1.ServerFrame.$Shape): oddsgate.v1.ServerFrame & oddsgate.v1.ServerFrame.$Shape;
             *   (properties?: oddsgate.v1.ServerFrame.$Properties): oddsgate.v1.ServerFrame;
             * }}
             */
            ServerFrame.create = function(properties) {
                return new ServerFrame(properties);
            };

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link oddsgate.v1.ServerFrame.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.ServerFrame
             * @static
             * @param {oddsgate.v1.ServerFrame.$Properties} message ServerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.odds != null && $Object.hasOwnProperty.call(message, "odds"))
                    $root.oddsgate.v1.OddsUpdate.encode(message.odds, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.snapshot != null && $Object.hasOwnProperty.call(message, "snapshot"))
                    $root.oddsgate.v1.Snapshot.encode(message.snapshot, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                    $root.oddsgate.v1.Pong.encode(message.pong, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.oddsgate.v1.Error.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.feedStatus != null && $Object.hasOwnProperty.call(message, "feedStatus"))
                    $root.oddsgate.v1.FeedStatus.encode(message.feedStatus, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.eventInfo != null && $Object.hasOwnProperty.call(message, "eventInfo"))
                    $root.oddsgate.v1.EventInfo.encode(message.eventInfo, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.oddsgate.v1.Welcome.encode(message.welcome, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.betResult != null && $Object.hasOwnProperty.call(message, "betResult"))
                    $root.oddsgate.v1.BetResult.encode(message.betResult, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain"))
                    $root.oddsgate.v1.Drain.encode(message.drain, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.ServerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.ServerFrame & oddsgate.v1.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.ServerFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.odds = $root.oddsgate.v1.OddsUpdate.decode(reader, reader.size(), $undefined, _depth + 1, message.odds);
                            message.kind = "odds";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.snapshot = $root.oddsgate.v1.Snapshot.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshot);
                            message.kind = "snapshot";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.pong = $root.oddsgate.v1.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                            message.kind = "pong";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.oddsgate.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.kind = "error";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.feedStatus = $root.oddsgate.v1.FeedStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.feedStatus);
                            message.kind = "feedStatus";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.eventInfo = $root.oddsgate.v1.EventInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.eventInfo);
                            message.kind = "eventInfo";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.oddsgate.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.kind = "welcome";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.betResult = $root.oddsgate.v1.BetResult.decode(reader, reader.size(), $undefined, _depth + 1, message.betResult);
                            message.kind = "betResult";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.drain = $root.oddsgate.v1.Drain.decode(reader, reader.size(), $undefined, _depth + 1, message.drain);
                            message.kind = "drain";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ServerFrame
             * @function getTypeUrl
             * @memberof oddsgate.v1.ServerFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ServerFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.ServerFrame";
            };

            return ServerFrame;
        })();

        v1.Drain = (function() {

            /**
             * Properties of a Drain.
             * @typedef {Object} oddsgate.v1.Drain.$Properties
             * @property {string|null} [nodeId] Drain nodeId
             * @property {string|null} [nodeUrl] Drain nodeUrl
             * @property {number|null} [reconnectAtMs] Drain reconnectAtMs
             * @property {number|null} [deadlineMs] Drain deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Drain.
             * @memberof oddsgate.v1
             * @interface IDrain
             * @augments oddsgate.v1.Drain.$Properties
             * @deprecated Use oddsgate.v1.Drain.$Properties instead.
             */

            /**
             * Shape of a Drain.
             * @typedef {oddsgate.v1.Drain.$Properties} oddsgate.v1.Drain.$Shape
             */

            /**
             * Constructs a new Drain.
             * @memberof oddsgate.v1
             * @classdesc Represents a Drain.
             * @constructor
             * @param {oddsgate.v1.Drain.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Drain = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Drain nodeId.
             * @member {string} nodeId
             * @memberof oddsgate.v1.Drain
             * @instance
             */
            Drain.prototype.nodeId = "";

            /**
             * Drain nodeUrl.
             * @member {string} nodeUrl
             * @memberof oddsgate.v1.Drain
             * @instance
             */
            Drain.prototype.nodeUrl = "";

            /**
             * Drain reconnectAtMs.
             * @member {number} reconnectAtMs
             * @memberof oddsgate.v1.Drain
             * @instance
             */
            Drain.prototype.reconnectAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Drain deadlineMs.
             * @member {number} deadlineMs
             * @memberof oddsgate.v1.Drain
             * @instance
             */
            Drain.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Drain instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Drain
             * @static
             * @param {oddsgate.v1.Drain.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Drain} Drain instance
             * @type {{
             *   (properties: oddsgate.v1.Drain.$Shape): oddsgate.v1.Drain & oddsgate.v1.Drain.$Shape;
             *   (properties?: oddsgate.v1.Drain.$Properties): oddsgate.v1.Drain;
             * }}
             */
            Drain.create = function(properties) {
                return new Drain(properties);
            };

            /**
             * Encodes the specified Drain message. Does not implicitly {@link oddsgate.v1.Drain.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Drain
             * @static
             * @param {oddsgate.v1.Drain.$Properties} message Drain message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Drain.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nodeId != null && $Object.hasOwnProperty.call(message, "nodeId") && message.nodeId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.nodeId);
                if (message.nodeUrl != null && $Object.hasOwnProperty.call(message, "nodeUrl") && message.nodeUrl !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.nodeUrl);
                if (message.reconnectAtMs != null && $Object.hasOwnProperty.call(message, "reconnectAtMs") && (typeof message.reconnectAtMs === "object" ? message.reconnectAtMs.low || message.reconnectAtMs.high : message.reconnectAtMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.reconnectAtMs);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Drain message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Drain
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Drain & oddsgate.v1.Drain.$Shape} Drain
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Drain.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Drain();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeId = value;
                            else
                                delete message.nodeId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeUrl = value;
                            else
                                delete message.nodeUrl;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.reconnectAtMs = value;
                            else
                                delete message.reconnectAtMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Drain
             * @function getTypeUrl
             * @memberof oddsgate.v1.Drain
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Drain.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Drain";
            };

            return Drain;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} oddsgate.v1.Welcome.$Properties
             * @property {string|null} [sessionId] Welcome sessionId
             * @property {string|null} [nodeId] Welcome nodeId
             * @property {string|null} [jurisdiction] Welcome jurisdiction
             * @property {boolean|null} [authenticated] Welcome authenticated
             * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
             * @property {number|null} [maxSubscriptions] Welcome maxSubscriptions
             * @property {number|null} [betRatePerSec] Welcome betRatePerSec
             * @property {number|null} [betBudgetMs] Welcome betBudgetMs
             * @property {string|null} [sid] Welcome sid
             * @property {string|null} [ownerNodeId] Welcome ownerNodeId
             * @property {string|null} [ownerUrl] Welcome ownerUrl
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof oddsgate.v1
             * @interface IWelcome
             * @augments oddsgate.v1.Welcome.$Properties
             * @deprecated Use oddsgate.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {oddsgate.v1.Welcome.$Properties} oddsgate.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof oddsgate.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {oddsgate.v1.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome sessionId.
             * @member {string} sessionId
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.sessionId = "";

            /**
             * Welcome nodeId.
             * @member {string} nodeId
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.nodeId = "";

            /**
             * Welcome jurisdiction.
             * @member {string} jurisdiction
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.jurisdiction = "";

            /**
             * Welcome authenticated.
             * @member {boolean} authenticated
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.authenticated = false;

            /**
             * Welcome maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxFrameBytes = 0;

            /**
             * Welcome maxSubscriptions.
             * @member {number} maxSubscriptions
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxSubscriptions = 0;

            /**
             * Welcome betRatePerSec.
             * @member {number} betRatePerSec
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.betRatePerSec = 0;

            /**
             * Welcome betBudgetMs.
             * @member {number} betBudgetMs
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.betBudgetMs = 0;

            /**
             * Welcome sid.
             * @member {string} sid
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.sid = "";

            /**
             * Welcome ownerNodeId.
             * @member {string} ownerNodeId
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.ownerNodeId = "";

            /**
             * Welcome ownerUrl.
             * @member {string} ownerUrl
             * @memberof oddsgate.v1.Welcome
             * @instance
             */
            Welcome.prototype.ownerUrl = "";

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Welcome
             * @static
             * @param {oddsgate.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: oddsgate.v1.Welcome.$Shape): oddsgate.v1.Welcome & oddsgate.v1.Welcome.$Shape;
             *   (properties?: oddsgate.v1.Welcome.$Properties): oddsgate.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link oddsgate.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Welcome
             * @static
             * @param {oddsgate.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.nodeId != null && $Object.hasOwnProperty.call(message, "nodeId") && message.nodeId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.nodeId);
                if (message.jurisdiction != null && $Object.hasOwnProperty.call(message, "jurisdiction") && message.jurisdiction !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.jurisdiction);
                if (message.authenticated != null && $Object.hasOwnProperty.call(message, "authenticated") && message.authenticated !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.authenticated);
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.maxFrameBytes);
                if (message.maxSubscriptions != null && $Object.hasOwnProperty.call(message, "maxSubscriptions") && message.maxSubscriptions !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.maxSubscriptions);
                if (message.betRatePerSec != null && $Object.hasOwnProperty.call(message, "betRatePerSec") && message.betRatePerSec !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.betRatePerSec);
                if (message.betBudgetMs != null && $Object.hasOwnProperty.call(message, "betBudgetMs") && message.betBudgetMs !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.betBudgetMs);
                if (message.sid != null && $Object.hasOwnProperty.call(message, "sid") && message.sid !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.sid);
                if (message.ownerNodeId != null && $Object.hasOwnProperty.call(message, "ownerNodeId") && message.ownerNodeId !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.ownerNodeId);
                if (message.ownerUrl != null && $Object.hasOwnProperty.call(message, "ownerUrl") && message.ownerUrl !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.ownerUrl);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Welcome & oddsgate.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeId = value;
                            else
                                delete message.nodeId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jurisdiction = value;
                            else
                                delete message.jurisdiction;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.authenticated = value;
                            else
                                delete message.authenticated;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxFrameBytes = value;
                            else
                                delete message.maxFrameBytes;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxSubscriptions = value;
                            else
                                delete message.maxSubscriptions;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.betRatePerSec = value;
                            else
                                delete message.betRatePerSec;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.betBudgetMs = value;
                            else
                                delete message.betBudgetMs;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sid = value;
                            else
                                delete message.sid;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ownerNodeId = value;
                            else
                                delete message.ownerNodeId;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ownerUrl = value;
                            else
                                delete message.ownerUrl;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof oddsgate.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Welcome";
            };

            return Welcome;
        })();

        /**
         * BetOutcome enum.
         * @name oddsgate.v1.BetOutcome
         * @enum {number}
         * @property {number} BET_OUTCOME_UNSPECIFIED=0 BET_OUTCOME_UNSPECIFIED value
         * @property {number} BET_OUTCOME_ACCEPTED=1 BET_OUTCOME_ACCEPTED value
         * @property {number} BET_OUTCOME_REJECTED=2 BET_OUTCOME_REJECTED value
         * @property {number} BET_OUTCOME_PENDING=3 BET_OUTCOME_PENDING value
         * @property {number} BET_OUTCOME_UNKNOWN=4 BET_OUTCOME_UNKNOWN value
         */
        v1.BetOutcome = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BET_OUTCOME_UNSPECIFIED"] = 0;
            values[valuesById[1] = "BET_OUTCOME_ACCEPTED"] = 1;
            values[valuesById[2] = "BET_OUTCOME_REJECTED"] = 2;
            values[valuesById[3] = "BET_OUTCOME_PENDING"] = 3;
            values[valuesById[4] = "BET_OUTCOME_UNKNOWN"] = 4;
            return values;
        })();

        /**
         * RejectReason enum.
         * @name oddsgate.v1.RejectReason
         * @enum {number}
         * @property {number} REJECT_REASON_UNSPECIFIED=0 REJECT_REASON_UNSPECIFIED value
         * @property {number} REJECT_REASON_INVALID_BET=1 REJECT_REASON_INVALID_BET value
         * @property {number} REJECT_REASON_NOT_AUTHENTICATED=2 REJECT_REASON_NOT_AUTHENTICATED value
         * @property {number} REJECT_REASON_RATE_LIMITED=3 REJECT_REASON_RATE_LIMITED value
         * @property {number} REJECT_REASON_EVENT_NOT_SUBSCRIBED=4 REJECT_REASON_EVENT_NOT_SUBSCRIBED value
         * @property {number} REJECT_REASON_UNKNOWN_SELECTION=5 REJECT_REASON_UNKNOWN_SELECTION value
         * @property {number} REJECT_REASON_MARKET_SUSPENDED=6 REJECT_REASON_MARKET_SUSPENDED value
         * @property {number} REJECT_REASON_MARKET_CLOSED=7 REJECT_REASON_MARKET_CLOSED value
         * @property {number} REJECT_REASON_PRICE_CHANGED=8 REJECT_REASON_PRICE_CHANGED value
         * @property {number} REJECT_REASON_NO_CORE_FOR_JURISDICTION=9 REJECT_REASON_NO_CORE_FOR_JURISDICTION value
         * @property {number} REJECT_REASON_CORE_UNAVAILABLE=10 REJECT_REASON_CORE_UNAVAILABLE value
         * @property {number} REJECT_REASON_IDEMPOTENCY_KEY_REUSED=11 REJECT_REASON_IDEMPOTENCY_KEY_REUSED value
         * @property {number} REJECT_REASON_DECLINED=12 REJECT_REASON_DECLINED value
         * @property {number} REJECT_REASON_TOKEN_EXPIRED=13 REJECT_REASON_TOKEN_EXPIRED value
         */
        v1.RejectReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "REJECT_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REJECT_REASON_INVALID_BET"] = 1;
            values[valuesById[2] = "REJECT_REASON_NOT_AUTHENTICATED"] = 2;
            values[valuesById[3] = "REJECT_REASON_RATE_LIMITED"] = 3;
            values[valuesById[4] = "REJECT_REASON_EVENT_NOT_SUBSCRIBED"] = 4;
            values[valuesById[5] = "REJECT_REASON_UNKNOWN_SELECTION"] = 5;
            values[valuesById[6] = "REJECT_REASON_MARKET_SUSPENDED"] = 6;
            values[valuesById[7] = "REJECT_REASON_MARKET_CLOSED"] = 7;
            values[valuesById[8] = "REJECT_REASON_PRICE_CHANGED"] = 8;
            values[valuesById[9] = "REJECT_REASON_NO_CORE_FOR_JURISDICTION"] = 9;
            values[valuesById[10] = "REJECT_REASON_CORE_UNAVAILABLE"] = 10;
            values[valuesById[11] = "REJECT_REASON_IDEMPOTENCY_KEY_REUSED"] = 11;
            values[valuesById[12] = "REJECT_REASON_DECLINED"] = 12;
            values[valuesById[13] = "REJECT_REASON_TOKEN_EXPIRED"] = 13;
            return values;
        })();

        v1.BetResult = (function() {

            /**
             * Properties of a BetResult.
             * @typedef {Object} oddsgate.v1.BetResult.$Properties
             * @property {string|null} [idempotencyKey] BetResult idempotencyKey
             * @property {oddsgate.v1.BetOutcome|null} [outcome] BetResult outcome
             * @property {string|null} [betId] BetResult betId
             * @property {number|null} [acceptedPrice] BetResult acceptedPrice
             * @property {oddsgate.v1.RejectReason|null} [reason] BetResult reason
             * @property {number|null} [currentPrice] BetResult currentPrice
             * @property {string|null} [message] BetResult message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BetResult.
             * @memberof oddsgate.v1
             * @interface IBetResult
             * @augments oddsgate.v1.BetResult.$Properties
             * @deprecated Use oddsgate.v1.BetResult.$Properties instead.
             */

            /**
             * Shape of a BetResult.
             * @typedef {oddsgate.v1.BetResult.$Properties} oddsgate.v1.BetResult.$Shape
             */

            /**
             * Constructs a new BetResult.
             * @memberof oddsgate.v1
             * @classdesc Represents a BetResult.
             * @constructor
             * @param {oddsgate.v1.BetResult.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BetResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BetResult idempotencyKey.
             * @member {string} idempotencyKey
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.idempotencyKey = "";

            /**
             * BetResult outcome.
             * @member {oddsgate.v1.BetOutcome} outcome
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.outcome = 0;

            /**
             * BetResult betId.
             * @member {string} betId
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.betId = "";

            /**
             * BetResult acceptedPrice.
             * @member {number} acceptedPrice
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.acceptedPrice = 0;

            /**
             * BetResult reason.
             * @member {oddsgate.v1.RejectReason} reason
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.reason = 0;

            /**
             * BetResult currentPrice.
             * @member {number} currentPrice
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.currentPrice = 0;

            /**
             * BetResult message.
             * @member {string} message
             * @memberof oddsgate.v1.BetResult
             * @instance
             */
            BetResult.prototype.message = "";

            /**
             * Creates a new BetResult instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.BetResult
             * @static
             * @param {oddsgate.v1.BetResult.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.BetResult} BetResult instance
             * @type {{
             *   (properties: oddsgate.v1.BetResult.$Shape): oddsgate.v1.BetResult & oddsgate.v1.BetResult.$Shape;
             *   (properties?: oddsgate.v1.BetResult.$Properties): oddsgate.v1.BetResult;
             * }}
             */
            BetResult.create = function(properties) {
                return new BetResult(properties);
            };

            /**
             * Encodes the specified BetResult message. Does not implicitly {@link oddsgate.v1.BetResult.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.BetResult
             * @static
             * @param {oddsgate.v1.BetResult.$Properties} message BetResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BetResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.idempotencyKey != null && $Object.hasOwnProperty.call(message, "idempotencyKey") && message.idempotencyKey !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.idempotencyKey);
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome") && message.outcome !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.outcome);
                if (message.betId != null && $Object.hasOwnProperty.call(message, "betId") && message.betId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.betId);
                if (message.acceptedPrice != null && $Object.hasOwnProperty.call(message, "acceptedPrice") && message.acceptedPrice !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.acceptedPrice);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.reason);
                if (message.currentPrice != null && $Object.hasOwnProperty.call(message, "currentPrice") && message.currentPrice !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.currentPrice);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BetResult message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.BetResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.BetResult & oddsgate.v1.BetResult.$Shape} BetResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BetResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.BetResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.idempotencyKey = value;
                            else
                                delete message.idempotencyKey;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.outcome = value;
                            else
                                delete message.outcome;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.betId = value;
                            else
                                delete message.betId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.acceptedPrice = value;
                            else
                                delete message.acceptedPrice;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.currentPrice = value;
                            else
                                delete message.currentPrice;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BetResult
             * @function getTypeUrl
             * @memberof oddsgate.v1.BetResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BetResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.BetResult";
            };

            return BetResult;
        })();

        /**
         * MarketStatus enum.
         * @name oddsgate.v1.MarketStatus
         * @enum {number}
         * @property {number} MARKET_STATUS_UNSPECIFIED=0 MARKET_STATUS_UNSPECIFIED value
         * @property {number} MARKET_STATUS_OPEN=1 MARKET_STATUS_OPEN value
         * @property {number} MARKET_STATUS_SUSPENDED=2 MARKET_STATUS_SUSPENDED value
         * @property {number} MARKET_STATUS_CLOSED=3 MARKET_STATUS_CLOSED value
         */
        v1.MarketStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "MARKET_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "MARKET_STATUS_OPEN"] = 1;
            values[valuesById[2] = "MARKET_STATUS_SUSPENDED"] = 2;
            values[valuesById[3] = "MARKET_STATUS_CLOSED"] = 3;
            return values;
        })();

        v1.Selection = (function() {

            /**
             * Properties of a Selection.
             * @typedef {Object} oddsgate.v1.Selection.$Properties
             * @property {string|null} [id] Selection id
             * @property {number|null} [price] Selection price
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Selection.
             * @memberof oddsgate.v1
             * @interface ISelection
             * @augments oddsgate.v1.Selection.$Properties
             * @deprecated Use oddsgate.v1.Selection.$Properties instead.
             */

            /**
             * Shape of a Selection.
             * @typedef {oddsgate.v1.Selection.$Properties} oddsgate.v1.Selection.$Shape
             */

            /**
             * Constructs a new Selection.
             * @memberof oddsgate.v1
             * @classdesc Represents a Selection.
             * @constructor
             * @param {oddsgate.v1.Selection.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Selection = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Selection id.
             * @member {string} id
             * @memberof oddsgate.v1.Selection
             * @instance
             */
            Selection.prototype.id = "";

            /**
             * Selection price.
             * @member {number} price
             * @memberof oddsgate.v1.Selection
             * @instance
             */
            Selection.prototype.price = 0;

            /**
             * Creates a new Selection instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Selection
             * @static
             * @param {oddsgate.v1.Selection.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Selection} Selection instance
             * @type {{
             *   (properties: oddsgate.v1.Selection.$Shape): oddsgate.v1.Selection & oddsgate.v1.Selection.$Shape;
             *   (properties?: oddsgate.v1.Selection.$Properties): oddsgate.v1.Selection;
             * }}
             */
            Selection.create = function(properties) {
                return new Selection(properties);
            };

            /**
             * Encodes the specified Selection message. Does not implicitly {@link oddsgate.v1.Selection.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Selection
             * @static
             * @param {oddsgate.v1.Selection.$Properties} message Selection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Selection.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.price != null && $Object.hasOwnProperty.call(message, "price") && message.price !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.price);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Selection message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Selection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Selection & oddsgate.v1.Selection.$Shape} Selection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Selection.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Selection();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.price = value;
                            else
                                delete message.price;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Selection
             * @function getTypeUrl
             * @memberof oddsgate.v1.Selection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Selection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Selection";
            };

            return Selection;
        })();

        v1.OddsUpdate = (function() {

            /**
             * Properties of an OddsUpdate.
             * @typedef {Object} oddsgate.v1.OddsUpdate.$Properties
             * @property {string|null} [eventId] OddsUpdate eventId
             * @property {string|null} [marketId] OddsUpdate marketId
             * @property {oddsgate.v1.MarketStatus|null} [status] OddsUpdate status
             * @property {Array.<oddsgate.v1.Selection.$Properties>|null} [selections] OddsUpdate selections
             * @property {number|null} [seq] OddsUpdate seq
             * @property {string|null} [offset] OddsUpdate offset
             * @property {number|null} [publishedAtMs] OddsUpdate publishedAtMs
             * @property {number|null} [prevSeq] OddsUpdate prevSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OddsUpdate.
             * @memberof oddsgate.v1
             * @interface IOddsUpdate
             * @augments oddsgate.v1.OddsUpdate.$Properties
             * @deprecated Use oddsgate.v1.OddsUpdate.$Properties instead.
             */

            /**
             * Shape of an OddsUpdate.
             * @typedef {oddsgate.v1.OddsUpdate.$Properties} oddsgate.v1.OddsUpdate.$Shape
             */

            /**
             * Constructs a new OddsUpdate.
             * @memberof oddsgate.v1
             * @classdesc Represents an OddsUpdate.
             * @constructor
             * @param {oddsgate.v1.OddsUpdate.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OddsUpdate = function (properties) {
                this.selections = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OddsUpdate eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.eventId = "";

            /**
             * OddsUpdate marketId.
             * @member {string} marketId
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.marketId = "";

            /**
             * OddsUpdate status.
             * @member {oddsgate.v1.MarketStatus} status
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.status = 0;

            /**
             * OddsUpdate selections.
             * @member {Array.<oddsgate.v1.Selection.$Properties>} selections
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.selections = $util.emptyArray;

            /**
             * OddsUpdate seq.
             * @member {number} seq
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * OddsUpdate offset.
             * @member {string} offset
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.offset = "";

            /**
             * OddsUpdate publishedAtMs.
             * @member {number} publishedAtMs
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.publishedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * OddsUpdate prevSeq.
             * @member {number} prevSeq
             * @memberof oddsgate.v1.OddsUpdate
             * @instance
             */
            OddsUpdate.prototype.prevSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new OddsUpdate instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.OddsUpdate
             * @static
             * @param {oddsgate.v1.OddsUpdate.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.OddsUpdate} OddsUpdate instance
             * @type {{
             *   (properties: oddsgate.v1.OddsUpdate.$Shape): oddsgate.v1.OddsUpdate & oddsgate.v1.OddsUpdate.$Shape;
             *   (properties?: oddsgate.v1.OddsUpdate.$Properties): oddsgate.v1.OddsUpdate;
             * }}
             */
            OddsUpdate.create = function(properties) {
                return new OddsUpdate(properties);
            };

            /**
             * Encodes the specified OddsUpdate message. Does not implicitly {@link oddsgate.v1.OddsUpdate.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.OddsUpdate
             * @static
             * @param {oddsgate.v1.OddsUpdate.$Properties} message OddsUpdate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OddsUpdate.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.marketId != null && $Object.hasOwnProperty.call(message, "marketId") && message.marketId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.marketId);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.status);
                if (message.selections != null && message.selections.length)
                    for (let i = 0; i < message.selections.length; ++i)
                        $root.oddsgate.v1.Selection.encode(message.selections[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.seq);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.offset);
                if (message.publishedAtMs != null && $Object.hasOwnProperty.call(message, "publishedAtMs") && (typeof message.publishedAtMs === "object" ? message.publishedAtMs.low || message.publishedAtMs.high : message.publishedAtMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.publishedAtMs);
                if (message.prevSeq != null && $Object.hasOwnProperty.call(message, "prevSeq") && (typeof message.prevSeq === "object" ? message.prevSeq.low || message.prevSeq.high : message.prevSeq !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.prevSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OddsUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.OddsUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.OddsUpdate & oddsgate.v1.OddsUpdate.$Shape} OddsUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OddsUpdate.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.OddsUpdate();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.marketId = value;
                            else
                                delete message.marketId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.selections && message.selections.length))
                                message.selections = [];
                            message.selections.push($root.oddsgate.v1.Selection.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.publishedAtMs = value;
                            else
                                delete message.publishedAtMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.prevSeq = value;
                            else
                                delete message.prevSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for OddsUpdate
             * @function getTypeUrl
             * @memberof oddsgate.v1.OddsUpdate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OddsUpdate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.OddsUpdate";
            };

            return OddsUpdate;
        })();

        /**
         * SnapshotMode enum.
         * @name oddsgate.v1.SnapshotMode
         * @enum {number}
         * @property {number} SNAPSHOT_MODE_UNSPECIFIED=0 SNAPSHOT_MODE_UNSPECIFIED value
         * @property {number} SNAPSHOT_MODE_REPLACE=1 SNAPSHOT_MODE_REPLACE value
         * @property {number} SNAPSHOT_MODE_CONTINUE=2 SNAPSHOT_MODE_CONTINUE value
         */
        v1.SnapshotMode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SNAPSHOT_MODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SNAPSHOT_MODE_REPLACE"] = 1;
            values[valuesById[2] = "SNAPSHOT_MODE_CONTINUE"] = 2;
            return values;
        })();

        v1.Snapshot = (function() {

            /**
             * Properties of a Snapshot.
             * @typedef {Object} oddsgate.v1.Snapshot.$Properties
             * @property {string|null} [eventId] Snapshot eventId
             * @property {oddsgate.v1.SnapshotMode|null} [mode] Snapshot mode
             * @property {string|null} [epoch] Snapshot epoch
             * @property {number|null} [seq] Snapshot seq
             * @property {string|null} [offset] Snapshot offset
             * @property {Array.<oddsgate.v1.OddsUpdate.$Properties>|null} [markets] Snapshot markets
             * @property {number|null} [conflateMs] Snapshot conflateMs
             * @property {oddsgate.v1.EventInfo.$Properties|null} [info] Snapshot info
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Snapshot.
             * @memberof oddsgate.v1
             * @interface ISnapshot
             * @augments oddsgate.v1.Snapshot.$Properties
             * @deprecated Use oddsgate.v1.Snapshot.$Properties instead.
             */

            /**
             * Shape of a Snapshot.
             * @typedef {oddsgate.v1.Snapshot.$Properties} oddsgate.v1.Snapshot.$Shape
             */

            /**
             * Constructs a new Snapshot.
             * @memberof oddsgate.v1
             * @classdesc Represents a Snapshot.
             * @constructor
             * @param {oddsgate.v1.Snapshot.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Snapshot = function (properties) {
                this.markets = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Snapshot eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.eventId = "";

            /**
             * Snapshot mode.
             * @member {oddsgate.v1.SnapshotMode} mode
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.mode = 0;

            /**
             * Snapshot epoch.
             * @member {string} epoch
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.epoch = "";

            /**
             * Snapshot seq.
             * @member {number} seq
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Snapshot offset.
             * @member {string} offset
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.offset = "";

            /**
             * Snapshot markets.
             * @member {Array.<oddsgate.v1.OddsUpdate.$Properties>} markets
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.markets = $util.emptyArray;

            /**
             * Snapshot conflateMs.
             * @member {number} conflateMs
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.conflateMs = 0;

            /**
             * Snapshot info.
             * @member {oddsgate.v1.EventInfo.$Properties|null|undefined} info
             * @memberof oddsgate.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.info = null;

            /**
             * Creates a new Snapshot instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Snapshot
             * @static
             * @param {oddsgate.v1.Snapshot.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Snapshot} Snapshot instance
             * @type {{
             *   (properties: oddsgate.v1.Snapshot.$Shape): oddsgate.v1.Snapshot & oddsgate.v1.Snapshot.$Shape;
             *   (properties?: oddsgate.v1.Snapshot.$Properties): oddsgate.v1.Snapshot;
             * }}
             */
            Snapshot.create = function(properties) {
                return new Snapshot(properties);
            };

            /**
             * Encodes the specified Snapshot message. Does not implicitly {@link oddsgate.v1.Snapshot.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Snapshot
             * @static
             * @param {oddsgate.v1.Snapshot.$Properties} message Snapshot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Snapshot.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.mode);
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.epoch);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.offset);
                if (message.markets != null && message.markets.length)
                    for (let i = 0; i < message.markets.length; ++i)
                        $root.oddsgate.v1.OddsUpdate.encode(message.markets[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.conflateMs != null && $Object.hasOwnProperty.call(message, "conflateMs") && message.conflateMs !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.conflateMs);
                if (message.info != null && $Object.hasOwnProperty.call(message, "info"))
                    $root.oddsgate.v1.EventInfo.encode(message.info, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Snapshot message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Snapshot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Snapshot & oddsgate.v1.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Snapshot.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Snapshot();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.mode = value;
                            else
                                delete message.mode;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.markets && message.markets.length))
                                message.markets = [];
                            message.markets.push($root.oddsgate.v1.OddsUpdate.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.conflateMs = value;
                            else
                                delete message.conflateMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.info = $root.oddsgate.v1.EventInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.info);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Snapshot
             * @function getTypeUrl
             * @memberof oddsgate.v1.Snapshot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Snapshot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Snapshot";
            };

            return Snapshot;
        })();

        v1.EventInfo = (function() {

            /**
             * Properties of an EventInfo.
             * @typedef {Object} oddsgate.v1.EventInfo.$Properties
             * @property {string|null} [eventId] EventInfo eventId
             * @property {number|null} [version] EventInfo version
             * @property {string|null} [name] EventInfo name
             * @property {string|null} [sport] EventInfo sport
             * @property {string|null} [competition] EventInfo competition
             * @property {Array.<oddsgate.v1.Participant.$Properties>|null} [participants] EventInfo participants
             * @property {number|null} [startsAtMs] EventInfo startsAtMs
             * @property {oddsgate.v1.EventPhase|null} [phase] EventInfo phase
             * @property {Array.<number>|null} [score] EventInfo score
             * @property {oddsgate.v1.MatchClock.$Properties|null} [clock] EventInfo clock
             * @property {Array.<oddsgate.v1.MarketInfo.$Properties>|null} [markets] EventInfo markets
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventInfo.
             * @memberof oddsgate.v1
             * @interface IEventInfo
             * @augments oddsgate.v1.EventInfo.$Properties
             * @deprecated Use oddsgate.v1.EventInfo.$Properties instead.
             */

            /**
             * Shape of an EventInfo.
             * @typedef {oddsgate.v1.EventInfo.$Properties} oddsgate.v1.EventInfo.$Shape
             */

            /**
             * Constructs a new EventInfo.
             * @memberof oddsgate.v1
             * @classdesc Represents an EventInfo.
             * @constructor
             * @param {oddsgate.v1.EventInfo.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventInfo = function (properties) {
                this.participants = [];
                this.score = [];
                this.markets = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EventInfo eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.eventId = "";

            /**
             * EventInfo version.
             * @member {number} version
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EventInfo name.
             * @member {string} name
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.name = "";

            /**
             * EventInfo sport.
             * @member {string} sport
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.sport = "";

            /**
             * EventInfo competition.
             * @member {string} competition
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.competition = "";

            /**
             * EventInfo participants.
             * @member {Array.<oddsgate.v1.Participant.$Properties>} participants
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.participants = $util.emptyArray;

            /**
             * EventInfo startsAtMs.
             * @member {number} startsAtMs
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.startsAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EventInfo phase.
             * @member {oddsgate.v1.EventPhase} phase
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.phase = 0;

            /**
             * EventInfo score.
             * @member {Array.<number>} score
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.score = $util.emptyArray;

            /**
             * EventInfo clock.
             * @member {oddsgate.v1.MatchClock.$Properties|null|undefined} clock
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.clock = null;

            /**
             * EventInfo markets.
             * @member {Array.<oddsgate.v1.MarketInfo.$Properties>} markets
             * @memberof oddsgate.v1.EventInfo
             * @instance
             */
            EventInfo.prototype.markets = $util.emptyArray;

            /**
             * Creates a new EventInfo instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.EventInfo
             * @static
             * @param {oddsgate.v1.EventInfo.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.EventInfo} EventInfo instance
             * @type {{
             *   (properties: oddsgate.v1.EventInfo.$Shape): oddsgate.v1.EventInfo & oddsgate.v1.EventInfo.$Shape;
             *   (properties?: oddsgate.v1.EventInfo.$Properties): oddsgate.v1.EventInfo;
             * }}
             */
            EventInfo.create = function(properties) {
                return new EventInfo(properties);
            };

            /**
             * Encodes the specified EventInfo message. Does not implicitly {@link oddsgate.v1.EventInfo.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.EventInfo
             * @static
             * @param {oddsgate.v1.EventInfo.$Properties} message EventInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.name);
                if (message.sport != null && $Object.hasOwnProperty.call(message, "sport") && message.sport !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.sport);
                if (message.competition != null && $Object.hasOwnProperty.call(message, "competition") && message.competition !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.competition);
                if (message.participants != null && message.participants.length)
                    for (let i = 0; i < message.participants.length; ++i)
                        $root.oddsgate.v1.Participant.encode(message.participants[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.startsAtMs != null && $Object.hasOwnProperty.call(message, "startsAtMs") && (typeof message.startsAtMs === "object" ? message.startsAtMs.low || message.startsAtMs.high : message.startsAtMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.startsAtMs);
                if (message.phase != null && $Object.hasOwnProperty.call(message, "phase") && message.phase !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).int32(message.phase);
                if (message.score != null && message.score.length)
                    writer.uint32(/* id 9, wireType 2 =*/74).uint32s(message.score);
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock"))
                    $root.oddsgate.v1.MatchClock.encode(message.clock, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.markets != null && message.markets.length)
                    for (let i = 0; i < message.markets.length; ++i)
                        $root.oddsgate.v1.MarketInfo.encode(message.markets[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EventInfo message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.EventInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.EventInfo & oddsgate.v1.EventInfo.$Shape} EventInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventInfo.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.EventInfo();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sport = value;
                            else
                                delete message.sport;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.competition = value;
                            else
                                delete message.competition;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.participants && message.participants.length))
                                message.participants = [];
                            message.participants.push($root.oddsgate.v1.Participant.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.startsAtMs = value;
                            else
                                delete message.startsAtMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.phase = value;
                            else
                                delete message.phase;
                            continue;
                        }
                    case 9: {
                            if (wireType === 2) {
                                if (!(message.score && message.score.length))
                                    message.score = [];
                                reader.uint32s(message.score);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.score && message.score.length))
                                message.score = [];
                            message.score.push(reader.uint32());
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.clock = $root.oddsgate.v1.MatchClock.decode(reader, reader.size(), $undefined, _depth + 1, message.clock);
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if (!(message.markets && message.markets.length))
                                message.markets = [];
                            message.markets.push($root.oddsgate.v1.MarketInfo.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for EventInfo
             * @function getTypeUrl
             * @memberof oddsgate.v1.EventInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EventInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.EventInfo";
            };

            return EventInfo;
        })();

        v1.Participant = (function() {

            /**
             * Properties of a Participant.
             * @typedef {Object} oddsgate.v1.Participant.$Properties
             * @property {string|null} [id] Participant id
             * @property {string|null} [name] Participant name
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Participant.
             * @memberof oddsgate.v1
             * @interface IParticipant
             * @augments oddsgate.v1.Participant.$Properties
             * @deprecated Use oddsgate.v1.Participant.$Properties instead.
             */

            /**
             * Shape of a Participant.
             * @typedef {oddsgate.v1.Participant.$Properties} oddsgate.v1.Participant.$Shape
             */

            /**
             * Constructs a new Participant.
             * @memberof oddsgate.v1
             * @classdesc Represents a Participant.
             * @constructor
             * @param {oddsgate.v1.Participant.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Participant = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Participant id.
             * @member {string} id
             * @memberof oddsgate.v1.Participant
             * @instance
             */
            Participant.prototype.id = "";

            /**
             * Participant name.
             * @member {string} name
             * @memberof oddsgate.v1.Participant
             * @instance
             */
            Participant.prototype.name = "";

            /**
             * Creates a new Participant instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Participant
             * @static
             * @param {oddsgate.v1.Participant.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Participant} Participant instance
             * @type {{
             *   (properties: oddsgate.v1.Participant.$Shape): oddsgate.v1.Participant & oddsgate.v1.Participant.$Shape;
             *   (properties?: oddsgate.v1.Participant.$Properties): oddsgate.v1.Participant;
             * }}
             */
            Participant.create = function(properties) {
                return new Participant(properties);
            };

            /**
             * Encodes the specified Participant message. Does not implicitly {@link oddsgate.v1.Participant.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Participant
             * @static
             * @param {oddsgate.v1.Participant.$Properties} message Participant message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Participant.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Participant message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Participant
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Participant & oddsgate.v1.Participant.$Shape} Participant
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Participant.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Participant();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Participant
             * @function getTypeUrl
             * @memberof oddsgate.v1.Participant
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Participant.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Participant";
            };

            return Participant;
        })();

        /**
         * EventPhase enum.
         * @name oddsgate.v1.EventPhase
         * @enum {number}
         * @property {number} EVENT_PHASE_UNSPECIFIED=0 EVENT_PHASE_UNSPECIFIED value
         * @property {number} EVENT_PHASE_PRE_MATCH=1 EVENT_PHASE_PRE_MATCH value
         * @property {number} EVENT_PHASE_LIVE=2 EVENT_PHASE_LIVE value
         * @property {number} EVENT_PHASE_BREAK=3 EVENT_PHASE_BREAK value
         * @property {number} EVENT_PHASE_ENDED=4 EVENT_PHASE_ENDED value
         */
        v1.EventPhase = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "EVENT_PHASE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "EVENT_PHASE_PRE_MATCH"] = 1;
            values[valuesById[2] = "EVENT_PHASE_LIVE"] = 2;
            values[valuesById[3] = "EVENT_PHASE_BREAK"] = 3;
            values[valuesById[4] = "EVENT_PHASE_ENDED"] = 4;
            return values;
        })();

        v1.MatchClock = (function() {

            /**
             * Properties of a MatchClock.
             * @typedef {Object} oddsgate.v1.MatchClock.$Properties
             * @property {number|null} [elapsedS] MatchClock elapsedS
             * @property {number|null} [atMs] MatchClock atMs
             * @property {boolean|null} [running] MatchClock running
             * @property {string|null} [period] MatchClock period
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MatchClock.
             * @memberof oddsgate.v1
             * @interface IMatchClock
             * @augments oddsgate.v1.MatchClock.$Properties
             * @deprecated Use oddsgate.v1.MatchClock.$Properties instead.
             */

            /**
             * Shape of a MatchClock.
             * @typedef {oddsgate.v1.MatchClock.$Properties} oddsgate.v1.MatchClock.$Shape
             */

            /**
             * Constructs a new MatchClock.
             * @memberof oddsgate.v1
             * @classdesc Represents a MatchClock.
             * @constructor
             * @param {oddsgate.v1.MatchClock.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MatchClock = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MatchClock elapsedS.
             * @member {number} elapsedS
             * @memberof oddsgate.v1.MatchClock
             * @instance
             */
            MatchClock.prototype.elapsedS = 0;

            /**
             * MatchClock atMs.
             * @member {number} atMs
             * @memberof oddsgate.v1.MatchClock
             * @instance
             */
            MatchClock.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * MatchClock running.
             * @member {boolean} running
             * @memberof oddsgate.v1.MatchClock
             * @instance
             */
            MatchClock.prototype.running = false;

            /**
             * MatchClock period.
             * @member {string} period
             * @memberof oddsgate.v1.MatchClock
             * @instance
             */
            MatchClock.prototype.period = "";

            /**
             * Creates a new MatchClock instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.MatchClock
             * @static
             * @param {oddsgate.v1.MatchClock.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.MatchClock} MatchClock instance
             * @type {{
             *   (properties: oddsgate.v1.MatchClock.$Shape): oddsgate.v1.MatchClock & oddsgate.v1.MatchClock.$Shape;
             *   (properties?: oddsgate.v1.MatchClock.$Properties): oddsgate.v1.MatchClock;
             * }}
             */
            MatchClock.create = function(properties) {
                return new MatchClock(properties);
            };

            /**
             * Encodes the specified MatchClock message. Does not implicitly {@link oddsgate.v1.MatchClock.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.MatchClock
             * @static
             * @param {oddsgate.v1.MatchClock.$Properties} message MatchClock message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MatchClock.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.elapsedS != null && $Object.hasOwnProperty.call(message, "elapsedS") && message.elapsedS !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.elapsedS);
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs") && (typeof message.atMs === "object" ? message.atMs.low || message.atMs.high : message.atMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.atMs);
                if (message.running != null && $Object.hasOwnProperty.call(message, "running") && message.running !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.running);
                if (message.period != null && $Object.hasOwnProperty.call(message, "period") && message.period !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.period);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MatchClock message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.MatchClock
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.MatchClock & oddsgate.v1.MatchClock.$Shape} MatchClock
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MatchClock.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.MatchClock();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.elapsedS = value;
                            else
                                delete message.elapsedS;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.atMs = value;
                            else
                                delete message.atMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.running = value;
                            else
                                delete message.running;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.period = value;
                            else
                                delete message.period;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MatchClock
             * @function getTypeUrl
             * @memberof oddsgate.v1.MatchClock
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MatchClock.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.MatchClock";
            };

            return MatchClock;
        })();

        v1.MarketInfo = (function() {

            /**
             * Properties of a MarketInfo.
             * @typedef {Object} oddsgate.v1.MarketInfo.$Properties
             * @property {string|null} [marketId] MarketInfo marketId
             * @property {string|null} [name] MarketInfo name
             * @property {number|null} [displayOrder] MarketInfo displayOrder
             * @property {Array.<oddsgate.v1.SelectionInfo.$Properties>|null} [selections] MarketInfo selections
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MarketInfo.
             * @memberof oddsgate.v1
             * @interface IMarketInfo
             * @augments oddsgate.v1.MarketInfo.$Properties
             * @deprecated Use oddsgate.v1.MarketInfo.$Properties instead.
             */

            /**
             * Shape of a MarketInfo.
             * @typedef {oddsgate.v1.MarketInfo.$Properties} oddsgate.v1.MarketInfo.$Shape
             */

            /**
             * Constructs a new MarketInfo.
             * @memberof oddsgate.v1
             * @classdesc Represents a MarketInfo.
             * @constructor
             * @param {oddsgate.v1.MarketInfo.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MarketInfo = function (properties) {
                this.selections = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MarketInfo marketId.
             * @member {string} marketId
             * @memberof oddsgate.v1.MarketInfo
             * @instance
             */
            MarketInfo.prototype.marketId = "";

            /**
             * MarketInfo name.
             * @member {string} name
             * @memberof oddsgate.v1.MarketInfo
             * @instance
             */
            MarketInfo.prototype.name = "";

            /**
             * MarketInfo displayOrder.
             * @member {number} displayOrder
             * @memberof oddsgate.v1.MarketInfo
             * @instance
             */
            MarketInfo.prototype.displayOrder = 0;

            /**
             * MarketInfo selections.
             * @member {Array.<oddsgate.v1.SelectionInfo.$Properties>} selections
             * @memberof oddsgate.v1.MarketInfo
             * @instance
             */
            MarketInfo.prototype.selections = $util.emptyArray;

            /**
             * Creates a new MarketInfo instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.MarketInfo
             * @static
             * @param {oddsgate.v1.MarketInfo.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.MarketInfo} MarketInfo instance
             * @type {{
             *   (properties: oddsgate.v1.MarketInfo.$Shape): oddsgate.v1.MarketInfo & oddsgate.v1.MarketInfo.$Shape;
             *   (properties?: oddsgate.v1.MarketInfo.$Properties): oddsgate.v1.MarketInfo;
             * }}
             */
            MarketInfo.create = function(properties) {
                return new MarketInfo(properties);
            };

            /**
             * Encodes the specified MarketInfo message. Does not implicitly {@link oddsgate.v1.MarketInfo.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.MarketInfo
             * @static
             * @param {oddsgate.v1.MarketInfo.$Properties} message MarketInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MarketInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.marketId != null && $Object.hasOwnProperty.call(message, "marketId") && message.marketId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.marketId);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.displayOrder != null && $Object.hasOwnProperty.call(message, "displayOrder") && message.displayOrder !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.displayOrder);
                if (message.selections != null && message.selections.length)
                    for (let i = 0; i < message.selections.length; ++i)
                        $root.oddsgate.v1.SelectionInfo.encode(message.selections[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MarketInfo message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.MarketInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.MarketInfo & oddsgate.v1.MarketInfo.$Shape} MarketInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MarketInfo.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.MarketInfo();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.marketId = value;
                            else
                                delete message.marketId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.displayOrder = value;
                            else
                                delete message.displayOrder;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.selections && message.selections.length))
                                message.selections = [];
                            message.selections.push($root.oddsgate.v1.SelectionInfo.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MarketInfo
             * @function getTypeUrl
             * @memberof oddsgate.v1.MarketInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MarketInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.MarketInfo";
            };

            return MarketInfo;
        })();

        v1.SelectionInfo = (function() {

            /**
             * Properties of a SelectionInfo.
             * @typedef {Object} oddsgate.v1.SelectionInfo.$Properties
             * @property {string|null} [id] SelectionInfo id
             * @property {string|null} [name] SelectionInfo name
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SelectionInfo.
             * @memberof oddsgate.v1
             * @interface ISelectionInfo
             * @augments oddsgate.v1.SelectionInfo.$Properties
             * @deprecated Use oddsgate.v1.SelectionInfo.$Properties instead.
             */

            /**
             * Shape of a SelectionInfo.
             * @typedef {oddsgate.v1.SelectionInfo.$Properties} oddsgate.v1.SelectionInfo.$Shape
             */

            /**
             * Constructs a new SelectionInfo.
             * @memberof oddsgate.v1
             * @classdesc Represents a SelectionInfo.
             * @constructor
             * @param {oddsgate.v1.SelectionInfo.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SelectionInfo = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SelectionInfo id.
             * @member {string} id
             * @memberof oddsgate.v1.SelectionInfo
             * @instance
             */
            SelectionInfo.prototype.id = "";

            /**
             * SelectionInfo name.
             * @member {string} name
             * @memberof oddsgate.v1.SelectionInfo
             * @instance
             */
            SelectionInfo.prototype.name = "";

            /**
             * Creates a new SelectionInfo instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.SelectionInfo
             * @static
             * @param {oddsgate.v1.SelectionInfo.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.SelectionInfo} SelectionInfo instance
             * @type {{
             *   (properties: oddsgate.v1.SelectionInfo.$Shape): oddsgate.v1.SelectionInfo & oddsgate.v1.SelectionInfo.$Shape;
             *   (properties?: oddsgate.v1.SelectionInfo.$Properties): oddsgate.v1.SelectionInfo;
             * }}
             */
            SelectionInfo.create = function(properties) {
                return new SelectionInfo(properties);
            };

            /**
             * Encodes the specified SelectionInfo message. Does not implicitly {@link oddsgate.v1.SelectionInfo.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.SelectionInfo
             * @static
             * @param {oddsgate.v1.SelectionInfo.$Properties} message SelectionInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SelectionInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SelectionInfo message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.SelectionInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.SelectionInfo & oddsgate.v1.SelectionInfo.$Shape} SelectionInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SelectionInfo.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.SelectionInfo();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SelectionInfo
             * @function getTypeUrl
             * @memberof oddsgate.v1.SelectionInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SelectionInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.SelectionInfo";
            };

            return SelectionInfo;
        })();

        v1.FeedStatus = (function() {

            /**
             * Properties of a FeedStatus.
             * @typedef {Object} oddsgate.v1.FeedStatus.$Properties
             * @property {string|null} [eventId] FeedStatus eventId
             * @property {boolean|null} [stale] FeedStatus stale
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FeedStatus.
             * @memberof oddsgate.v1
             * @interface IFeedStatus
             * @augments oddsgate.v1.FeedStatus.$Properties
             * @deprecated Use oddsgate.v1.FeedStatus.$Properties instead.
             */

            /**
             * Shape of a FeedStatus.
             * @typedef {oddsgate.v1.FeedStatus.$Properties} oddsgate.v1.FeedStatus.$Shape
             */

            /**
             * Constructs a new FeedStatus.
             * @memberof oddsgate.v1
             * @classdesc Represents a FeedStatus.
             * @constructor
             * @param {oddsgate.v1.FeedStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FeedStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FeedStatus eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.FeedStatus
             * @instance
             */
            FeedStatus.prototype.eventId = "";

            /**
             * FeedStatus stale.
             * @member {boolean} stale
             * @memberof oddsgate.v1.FeedStatus
             * @instance
             */
            FeedStatus.prototype.stale = false;

            /**
             * Creates a new FeedStatus instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.FeedStatus
             * @static
             * @param {oddsgate.v1.FeedStatus.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.FeedStatus} FeedStatus instance
             * @type {{
             *   (properties: oddsgate.v1.FeedStatus.$Shape): oddsgate.v1.FeedStatus & oddsgate.v1.FeedStatus.$Shape;
             *   (properties?: oddsgate.v1.FeedStatus.$Properties): oddsgate.v1.FeedStatus;
             * }}
             */
            FeedStatus.create = function(properties) {
                return new FeedStatus(properties);
            };

            /**
             * Encodes the specified FeedStatus message. Does not implicitly {@link oddsgate.v1.FeedStatus.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.FeedStatus
             * @static
             * @param {oddsgate.v1.FeedStatus.$Properties} message FeedStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeedStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.stale != null && $Object.hasOwnProperty.call(message, "stale") && message.stale !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.stale);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a FeedStatus message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.FeedStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.FeedStatus & oddsgate.v1.FeedStatus.$Shape} FeedStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeedStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.FeedStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.stale = value;
                            else
                                delete message.stale;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for FeedStatus
             * @function getTypeUrl
             * @memberof oddsgate.v1.FeedStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FeedStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.FeedStatus";
            };

            return FeedStatus;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} oddsgate.v1.Pong.$Properties
             * @property {number|null} [nonce] Pong nonce
             * @property {number|null} [serverTimeMs] Pong serverTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof oddsgate.v1
             * @interface IPong
             * @augments oddsgate.v1.Pong.$Properties
             * @deprecated Use oddsgate.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {oddsgate.v1.Pong.$Properties} oddsgate.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof oddsgate.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {oddsgate.v1.Pong.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Pong nonce.
             * @member {number} nonce
             * @memberof oddsgate.v1.Pong
             * @instance
             */
            Pong.prototype.nonce = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Pong serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof oddsgate.v1.Pong
             * @instance
             */
            Pong.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Pong
             * @static
             * @param {oddsgate.v1.Pong.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Pong} Pong instance
             * @type {{
             *   (properties: oddsgate.v1.Pong.$Shape): oddsgate.v1.Pong & oddsgate.v1.Pong.$Shape;
             *   (properties?: oddsgate.v1.Pong.$Properties): oddsgate.v1.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link oddsgate.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Pong
             * @static
             * @param {oddsgate.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && (typeof message.nonce === "object" ? message.nonce.low || message.nonce.high : message.nonce !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.nonce);
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.serverTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Pong & oddsgate.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Pong();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Pong
             * @function getTypeUrl
             * @memberof oddsgate.v1.Pong
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Pong.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Pong";
            };

            return Pong;
        })();

        /**
         * ErrorCode enum.
         * @name oddsgate.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} ERROR_CODE_MALFORMED_FRAME=1 ERROR_CODE_MALFORMED_FRAME value
         * @property {number} ERROR_CODE_TEXT_FRAME=2 ERROR_CODE_TEXT_FRAME value
         * @property {number} ERROR_CODE_UNKNOWN_FRAME=3 ERROR_CODE_UNKNOWN_FRAME value
         * @property {number} ERROR_CODE_INVALID_ARGUMENT=4 ERROR_CODE_INVALID_ARGUMENT value
         * @property {number} ERROR_CODE_UNKNOWN_EVENT=5 ERROR_CODE_UNKNOWN_EVENT value
         * @property {number} ERROR_CODE_TOO_MANY_SUBSCRIPTIONS=6 ERROR_CODE_TOO_MANY_SUBSCRIPTIONS value
         * @property {number} ERROR_CODE_RATE_LIMITED=7 ERROR_CODE_RATE_LIMITED value
         * @property {number} ERROR_CODE_FEED_UNAVAILABLE=8 ERROR_CODE_FEED_UNAVAILABLE value
         * @property {number} ERROR_CODE_INTERNAL=9 ERROR_CODE_INTERNAL value
         * @property {number} ERROR_CODE_UNAUTHENTICATED=10 ERROR_CODE_UNAUTHENTICATED value
         * @property {number} ERROR_CODE_TOKEN_EXPIRED=11 ERROR_CODE_TOKEN_EXPIRED value
         */
        v1.ErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ERROR_CODE_MALFORMED_FRAME"] = 1;
            values[valuesById[2] = "ERROR_CODE_TEXT_FRAME"] = 2;
            values[valuesById[3] = "ERROR_CODE_UNKNOWN_FRAME"] = 3;
            values[valuesById[4] = "ERROR_CODE_INVALID_ARGUMENT"] = 4;
            values[valuesById[5] = "ERROR_CODE_UNKNOWN_EVENT"] = 5;
            values[valuesById[6] = "ERROR_CODE_TOO_MANY_SUBSCRIPTIONS"] = 6;
            values[valuesById[7] = "ERROR_CODE_RATE_LIMITED"] = 7;
            values[valuesById[8] = "ERROR_CODE_FEED_UNAVAILABLE"] = 8;
            values[valuesById[9] = "ERROR_CODE_INTERNAL"] = 9;
            values[valuesById[10] = "ERROR_CODE_UNAUTHENTICATED"] = 10;
            values[valuesById[11] = "ERROR_CODE_TOKEN_EXPIRED"] = 11;
            return values;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} oddsgate.v1.Error.$Properties
             * @property {oddsgate.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {string|null} [eventId] Error eventId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof oddsgate.v1
             * @interface IError
             * @augments oddsgate.v1.Error.$Properties
             * @deprecated Use oddsgate.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {oddsgate.v1.Error.$Properties} oddsgate.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof oddsgate.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {oddsgate.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {oddsgate.v1.ErrorCode} code
             * @memberof oddsgate.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof oddsgate.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error eventId.
             * @member {string} eventId
             * @memberof oddsgate.v1.Error
             * @instance
             */
            Error.prototype.eventId = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof oddsgate.v1.Error
             * @static
             * @param {oddsgate.v1.Error.$Properties=} [properties] Properties to set
             * @returns {oddsgate.v1.Error} Error instance
             * @type {{
             *   (properties: oddsgate.v1.Error.$Shape): oddsgate.v1.Error & oddsgate.v1.Error.$Shape;
             *   (properties?: oddsgate.v1.Error.$Properties): oddsgate.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link oddsgate.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof oddsgate.v1.Error
             * @static
             * @param {oddsgate.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.eventId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof oddsgate.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {oddsgate.v1.Error & oddsgate.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.oddsgate.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof oddsgate.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/oddsgate.v1.Error";
            };

            return Error;
        })();

        return v1;
    })();

    return oddsgate;
})();

export {
  $root as default
};
