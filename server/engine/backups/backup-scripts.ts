/**
 * The only shell Berth runs in a backup or restore pod. Each is one constant: the values it needs
 * (the run's name, the target, the extension, where pruning starts, the file to restore) come in
 * as environment variables and are quoted by the shell, so nothing a user typed is ever part of
 * a script.
 */

/**
 * The backup Job's `finish` step, after the dump wrote `$BERTH_RUN.partial`: name the file for
 * its time, drop leftovers of runs that died half-way, keep the newest `PRUNE_FROM - 1` files,
 * and list what is kept (`name size mtime`) in the termination message, which is how Berth
 * reads the listing without opening the volume.
 */
export const FINISH_SCRIPT = `set -eu
cd /backups
final="$NAME-$(date -u +%Y%m%dT%H%M%SZ).$EXT"
mv -- "$BERTH_RUN.partial" "$final"
rm -f -- *.partial
ls -1t -- *."$EXT" | tail -n +"$PRUNE_FROM" | xargs -r rm -f --
stat -c '%n %s %Y' -- *."$EXT" > /dev/termination-log`;

/** A volume restore: empty the (unmounted) volume, then unpack the archive into it. */
export const RESTORE_VOLUME_SCRIPT = `set -eu; cd /volume; rm -rf -- * .[!.]* ; tar -xzf "/backups/$FILE" -C /volume`;

/**
 * A Redis/Valkey restore, onto the stopped server's volume. Berth runs both with
 * `--appendonly yes`, and with AOF on the server loads only its AOF at start — a `dump.rdb`
 * beside it is ignored, even when no AOF exists (redis/redis#12484, #12098). Since 7.0 an AOF is
 * a directory whose manifest may name an RDB file as its base, so the backup becomes that base;
 * the server opens a fresh incremental file on top. Owned by uid 999, the server's user.
 */
export const RESTORE_RDB_SCRIPT = `set -eu
rm -rf -- /volume/appendonlydir /volume/dump.rdb
mkdir /volume/appendonlydir
cp -- "/backups/$FILE" /volume/appendonlydir/appendonly.aof.1.base.rdb
echo "file appendonly.aof.1.base.rdb seq 1 type b" > /volume/appendonlydir/appendonly.aof.manifest
chown -R 999:999 /volume`;
