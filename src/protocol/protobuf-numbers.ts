/**
 * 64-bit fields (sequences, timestamps) decode as plain numbers, not Long
 * objects: they stay far below 2^53, and numbers avoid an allocation per
 * field on the hot path. Must be imported before the generated code, whose
 * prototype defaults read util.Long at load time.
 */
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
