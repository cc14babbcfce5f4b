/**
 * The files the engines' dump tools write, with each format's real opening so a user (or
 * Berth) recognising one by its first bytes sees what it would on a real cluster: pg_dump's
 * custom format starts `PGDMP`, mysqldump's and mariadb-dump's text with their `-- … dump`
 * banner, an RDB with `REDIS0011`, a mongodump archive with its magic number (gzip'd under
 * `--gzip`). What follows the header is the simulated server's state (server-state.ts), not a
 * real engine's data: the sim's restore tools read it back; real tools would not.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { strftime } from "@/server/sim/shell/programs/date-test";

/** PGDMP, archive version 1.15, int size 4, offset size 8, custom format (pg_backup_archiver.h). */
const PG_HEADER = Buffer.concat([Buffer.from("PGDMP"), Buffer.from([1, 15, 0, 4, 8, 1])]);
const REDIS_HEADER = Buffer.from("REDIS0011");
/** mongodump's archive magic, 0x8199e26d little-endian (mongo-tools archive/archive.go). */
const MONGO_MAGIC = Buffer.from([0x6d, 0xe2, 0x99, 0x81]);
const SQL_STATE = "-- simulated cluster data: ";

export function pgCustom(state: Buffer): Buffer {
  return Buffer.concat([PG_HEADER, state]);
}

export function fromPgCustom(file: Buffer): Buffer | undefined {
  return file.subarray(0, 5).toString("latin1") === "PGDMP" ? file.subarray(PG_HEADER.length) : undefined;
}

export function rdb(state: Buffer): Buffer {
  return Buffer.concat([REDIS_HEADER, state]);
}

export function fromRdb(file: Buffer): Buffer | undefined {
  return file.subarray(0, 5).toString("latin1") === "REDIS" ? file.subarray(REDIS_HEADER.length) : undefined;
}

export function mongoArchive(state: Buffer, gzip: boolean): Buffer {
  const archive = Buffer.concat([MONGO_MAGIC, state]);
  return gzip ? gzipSync(archive) : archive;
}

/** The state in a mongodump archive; "gzip" when --gzip was given for a file that is not gzip'd, "magic" when it is no archive. */
export function fromMongoArchive(file: Buffer, gzip: boolean): Buffer | "gzip" | "magic" {
  let archive = file;
  if (gzip) {
    try {
      archive = gunzipSync(file);
    } catch {
      return "gzip";
    }
  }
  return archive.subarray(0, 4).equals(MONGO_MAGIC) ? archive.subarray(4) : "magic";
}

/** mysqldump / mariadb-dump text: the banner and session settings, the state as base64 comment lines, the completion line. */
export function sqlDump(state: Buffer, options: { mariadb: boolean; version: string; host: string; database: string }): Buffer {
  const banner = options.mariadb
    ? `-- MariaDB dump 10.19-${options.version}-MariaDB, for debian-linux-gnu (x86_64)`
    : `-- MySQL dump 10.13  Distrib ${options.version}, for Linux (x86_64)`;
  const b64 = state.toString("base64").match(/.{1,76}/g) ?? [];
  const lines = [
    banner,
    "--",
    `-- Host: ${options.host}    Database: ${options.database}`,
    "-- ------------------------------------------------------",
    `-- Server version\t${options.version}${options.mariadb ? "-MariaDB-ubu2404" : ""}`,
    "",
    "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
    "/*!40101 SET NAMES utf8mb4 */;",
    "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;",
    "",
    ...b64.map((l) => `${SQL_STATE}${l}`),
    "",
    "/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;",
    "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;",
    "",
    `-- Dump completed on ${strftime("%F %T", new Date(simClock.now()))}`,
    "",
  ];
  return Buffer.from(lines.join("\n"));
}

/** The state in a SQL dump, or the first line when the file holds no simulated state. */
export function fromSqlDump(file: Buffer): { state: Buffer } | { firstLine: string } {
  const text = file.toString("utf8");
  const b64 = text.split("\n").filter((l) => l.startsWith(SQL_STATE)).map((l) => l.slice(SQL_STATE.length)).join("");
  if (/^-- (MySQL|MariaDB) dump /.test(text) && b64) return { state: Buffer.from(b64, "base64") };
  return { firstLine: text.split("\n")[0].slice(0, 80) };
}
