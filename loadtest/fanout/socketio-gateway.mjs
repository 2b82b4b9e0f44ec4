// Socket.IO with the Redis Streams adapter, as a Node team would deploy it: a room per event.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { readStreams } from './stream-reader.mjs';

const [port, redisUrl, events] = [Number(process.argv[2]), process.argv[3], process.argv[4].split(',')];
const http = createServer();
const io = new Server(http, { adapter: createAdapter(new Redis(redisUrl)), transports: ['websocket'], perMessageDeflate: false });
io.on('connection', (socket) => socket.on('sub', (ids) => ids.forEach((id) => socket.join(id))));
http.listen(port, '127.0.0.1', () => process.send?.('ready'));
readStreams(redisUrl, events, (eventId, payload) => io.to(eventId).emit('o', payload));
