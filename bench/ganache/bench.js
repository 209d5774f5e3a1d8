#!/usr/bin/env node
// Same-machine peer for `bin/ledger bench cluster --ganache`: Ganache (one node, no BFT, no consensus)
// in this process behind its JSON-RPC HTTP server, value transfers signed ahead of time with ethers,
// sent from several concurrent senders over HTTP, each waited for until its receipt is available.
// Prints progress on stderr and one JSON object on stdout.
'use strict';
const net = require('net');
const ganache = require('ganache');
const { ethers } = require('ethers');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const TXS = arg('txs', 20000);
const SENDERS = arg('senders', 64);
const WARMUP = arg('warmup', Math.floor(TXS / 10));
const log = (...a) => console.error('[ganache-bench]', ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

function percentile(sorted, p) { // nearest rank, as the Java side
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1];
}

async function main() {
  if (!(TXS >= 1 && SENDERS >= 1 && WARMUP >= 0 && WARMUP < TXS)) throw new Error('bad --txs/--senders/--warmup');
  const senders = [];
  for (let i = 0; i < SENDERS; i++) senders.push(new ethers.Wallet(ethers.id('ganache-bench-sender-' + i)));
  const port = await freePort();
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: 1337 },
    miner: { instamine: 'eager' }, // every transaction mined in its own block as it arrives (Ganache's default)
    wallet: { accounts: senders.map(w => ({ secretKey: w.privateKey, balance: '0x' + (10n ** 24n).toString(16) })) },
  });
  await server.listen(port, '127.0.0.1');
  const provider = new ethers.JsonRpcProvider('http://127.0.0.1:' + port, 1337, { staticNetwork: true, batchMaxCount: 1 });
  const gasPrice = BigInt(await provider.send('eth_gasPrice', []));

  // Sign everything before the clock starts: tx i is sender (i % SENDERS)'s nonce floor(i / SENDERS).
  log(`signing ${TXS} transfers from ${SENDERS} senders ...`);
  const signed = new Array(TXS);
  for (let i = 0; i < TXS; i++) {
    const s = i % SENDERS;
    signed[i] = await senders[s].signTransaction({
      type: 0, chainId: 1337, nonce: Math.floor(i / SENDERS), gasLimit: 21000, gasPrice,
      to: senders[(s + 1) % SENDERS].address, value: 1n,
    });
  }
  const perSender = senders.map(() => []);
  for (let i = 0; i < TXS; i++) perSender[i % SENDERS].push(i);

  const submitAt = new Array(TXS);
  const receiptAt = new Array(TXS);
  const blocks = new Set();
  log(`sending from ${SENDERS} concurrent senders ...`);
  const t0 = process.hrtime.bigint();
  await Promise.all(perSender.map(async (mine) => {
    for (const i of mine) {
      submitAt[i] = process.hrtime.bigint();
      const hash = await provider.send('eth_sendRawTransaction', [signed[i]]);
      let r = null;
      while (!(r = await provider.send('eth_getTransactionReceipt', [hash]))) await new Promise(res => setTimeout(res, 2));
      if (r.status !== '0x1') throw new Error('transfer failed: ' + hash);
      receiptAt[i] = process.hrtime.bigint();
      blocks.add(r.blockNumber);
    }
  }));
  const commits = receiptAt.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const end = commits[commits.length - 1];
  const start = WARMUP === 0 ? t0 : commits[WARMUP - 1];
  const lat = [];
  for (let i = 0; i < TXS; i++) if (receiptAt[i] > start || WARMUP === 0) lat.push(Number(receiptAt[i] - submitAt[i]) / 1e6);
  lat.sort((a, b) => a - b);
  const seconds = Number(end - start) / 1e9;
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  await server.close();
  const out = {
    peer: 'ganache', ganache: require('ganache/package.json').version, ethers: ethers.version, node: process.version,
    txs: TXS, senders: SENDERS, warmupTxs: WARMUP, measuredTxs: lat.length,
    windowSeconds: seconds, totalSeconds: Number(end - t0) / 1e9, tps: lat.length / seconds,
    latency: { count: lat.length, meanMs: mean, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95),
      p99Ms: percentile(lat, 99), maxMs: lat[lat.length - 1] },
    blocks: blocks.size,
    note: 'Ganache is a single node without BFT or consensus (instamine: one block per transaction); '
      + 'submission = eth_sendRawTransaction over HTTP, commit = receipt available',
  };
  console.log(JSON.stringify(out));
}

main().catch(e => { console.error(e); process.exit(1); });
