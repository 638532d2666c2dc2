//! The private PostgreSQL cluster: used when no `DATABASE_URL` is given. `initdb` into
//! `<data dir>/pg` on first use, listen only on a Unix socket in `<data dir>/run` (no TCP port
//! taken), and stop cleanly with the server. Run as the `postgres` system user when we are
//! root (PostgreSQL refuses to run as root).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use tokio::process::Command;

/// The most a Unix socket path may hold (108 bytes with its terminating zero).
const MAX_SOCKET_PATH: usize = 107;
const SOCKET_NAME: &str = ".s.PGSQL.5432";
const SYSTEM_USER: &str = "postgres";

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH): \
         install them (apt-get install postgresql) or set DATABASE_URL"
    )]
    NoBinaries,
    #[error(
        "the socket path {0} is too long for Unix sockets: set JIESU_DATA_DIR to a shorter folder"
    )]
    SocketPathTooLong(PathBuf),
    #[error("the `{SYSTEM_USER}` user cannot enter {0}: PostgreSQL refuses to run as root, and the data folder must be reachable by `{SYSTEM_USER}`; set JIESU_DATA_DIR elsewhere")]
    Unreachable(PathBuf),
    #[error("{command} failed ({status}); see {log}")]
    Command {
        command: String,
        status: String,
        log: String,
    },
    #[error("cannot prepare {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A cluster living under one folder.
#[derive(Debug, Clone)]
pub struct PrivateCluster {
    root: PathBuf,
    bin: PathBuf,
    as_system_user: bool,
}

impl PrivateCluster {
    /// The cluster under `root` (created on first start). Errors: no binaries, or a socket
    /// path too long.
    pub fn new(root: &Path) -> Result<PrivateCluster, ClusterError> {
        let root = std::path::absolute(root).map_err(|source| ClusterError::Io {
            path: root.into(),
            source,
        })?;
        let as_system_user = running_as_root();
        let root = if as_system_user && !system_user_can_reach(&root) {
            let elsewhere = reachable_home_for(&root);
            tracing::warn!(
                wanted = %root.display(),
                data = %elsewhere.display(),
                "the `{SYSTEM_USER}` user cannot enter the data folder asked for (PostgreSQL runs \
                 as `{SYSTEM_USER}`, never as root): the private cluster lives in the folder \
                 named by `data` instead"
            );
            elsewhere
        } else {
            root
        };
        let cluster = PrivateCluster {
            bin: find_binaries()?,
            as_system_user,
            root,
        };
        let socket = cluster.sockets().join(SOCKET_NAME);
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(ClusterError::SocketPathTooLong(socket));
        }
        Ok(cluster)
    }

    /// The folder the cluster lives in: the one asked for, or (as root, when the `postgres`
    /// user cannot enter it) its stand-in under `postgres`' home.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn data(&self) -> PathBuf {
        self.root.join("pg")
    }

    fn sockets(&self) -> PathBuf {
        self.root.join("run")
    }

    fn log(&self) -> PathBuf {
        self.root.join("postgres.log")
    }

    /// A connection URL for `database` on this cluster (over its Unix socket).
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@localhost/{database}?host={}",
            self.sockets().display()
        )
    }

    /// Starts the cluster (initialising it on first use) and waits until it accepts
    /// connections. Returns `false` when it was running already (someone else will stop it).
    pub async fn start(&self) -> Result<bool, ClusterError> {
        for dir in [self.root.clone(), self.sockets()] {
            tokio::fs::create_dir_all(&dir)
                .await
                .map_err(|source| ClusterError::Io { path: dir, source })?;
        }
        if self.as_system_user {
            self.hand_over_to_system_user().await?;
        }
        if !self.data().join("PG_VERSION").exists() {
            tracing::info!(data = %self.data().display(), "initialising a private PostgreSQL cluster");
            let data = self.data();
            self.run(
                "initdb",
                &[
                    "-D",
                    path(&data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-locale",
                ],
            )
            .await?;
        }
        if self.is_running().await {
            return Ok(false);
        }
        let options = format!("-k {} -c listen_addresses=''", self.sockets().display());
        let (data, log) = (self.data(), self.log());
        self.run(
            "pg_ctl",
            &[
                "-D",
                path(&data),
                "-l",
                path(&log),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
        .await?;
        tracing::info!(socket = %self.sockets().display(), "private PostgreSQL cluster started");
        Ok(true)
    }

    /// Stops the cluster quickly and cleanly (`pg_ctl -m fast`): open sessions are ended,
    /// everything committed is kept.
    pub async fn stop(&self) -> Result<(), ClusterError> {
        let data = self.data();
        self.run(
            "pg_ctl",
            &["-D", path(&data), "-m", "fast", "-w", "-t", "8", "stop"],
        )
        .await?;
        tracing::info!("private PostgreSQL cluster stopped");
        Ok(())
    }

    async fn is_running(&self) -> bool {
        let data = self.data();
        self.command("pg_ctl", &["-D", path(&data), "status"])
            .status()
            .await
            .is_ok_and(|s| s.success())
    }

    /// Gives the folder to the `postgres` user, after checking that it can reach it.
    async fn hand_over_to_system_user(&self) -> Result<(), ClusterError> {
        let reachable = Command::new("runuser")
            .args(["-u", SYSTEM_USER, "--", "test", "-x", path(&self.root)])
            .status()
            .await
            .is_ok_and(|s| s.success());
        if !reachable {
            return Err(ClusterError::Unreachable(self.root.clone()));
        }
        let status = Command::new("chown")
            .args(["-R", &format!("{SYSTEM_USER}:"), path(&self.root)])
            .status()
            .await;
        if !status.as_ref().is_ok_and(|s| s.success()) {
            return Err(ClusterError::Command {
                command: format!("chown -R {SYSTEM_USER} {}", self.root.display()),
                status: format!("{status:?}"),
                log: "stderr".into(),
            });
        }
        Ok(())
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let binary = self.bin.join(program);
        let mut command = if self.as_system_user {
            let mut c = Command::new("runuser");
            c.args(["-u", SYSTEM_USER, "--"]).arg(binary);
            c
        } else {
            Command::new(binary)
        };
        command
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null());
        command
    }

    async fn run(&self, program: &str, args: &[&str]) -> Result<(), ClusterError> {
        let output = self.command(program, args).output().await;
        match output {
            Ok(out) if out.status.success() => Ok(()),
            other => Err(ClusterError::Command {
                command: format!("{program} {}", args.join(" ")),
                status: match &other {
                    Ok(out) => format!(
                        "{}: {}",
                        out.status,
                        String::from_utf8_lossy(&out.stderr).trim()
                    ),
                    Err(e) => e.to_string(),
                },
                log: self.log().display().to_string(),
            }),
        }
    }
}

fn path(p: &Path) -> &str {
    // Our own paths come from UTF-8 configuration; a lossy one would fail loudly in pg_ctl.
    p.to_str().unwrap_or_default()
}

/// The newest `/usr/lib/postgresql/<version>/bin` (Debian), else the folder of `initdb` on PATH.
fn find_binaries() -> Result<PathBuf, ClusterError> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            Some((
                entry.file_name().to_str()?.parse().ok()?,
                entry.path().join("bin"),
            ))
        })
        .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").exists())
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .find(|dir| dir.join("initdb").exists() && dir.join("pg_ctl").exists())
        .ok_or(ClusterError::NoBinaries)
}

/// Whether the `postgres` user can enter `dir`, judged by its nearest existing ancestor (the
/// folder itself is created later, by root, with the usual 755).
fn system_user_can_reach(dir: &Path) -> bool {
    let Some(existing) = dir.ancestors().find(|a| a.exists()) else {
        return false;
    };
    std::process::Command::new("runuser")
        .args(["-u", SYSTEM_USER, "--", "test", "-x", path(existing)])
        .stdin(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Where a cluster wanted in `dir` lives when `postgres` cannot enter `dir`: a folder of its own
/// in `postgres`' home (Debian's `/var/lib/postgresql`), named after `dir` so every clone keeps
/// its own cluster and finds it again.
fn reachable_home_for(dir: &Path) -> PathBuf {
    // FNV-1a: stable across builds and Rust versions, unlike the standard library's hasher.
    let hash = dir
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    let home = Path::new("/var/lib/postgresql");
    let base = if home.is_dir() {
        home.join("jiesu")
    } else {
        PathBuf::from("/var/tmp/jiesu-postgres")
    };
    base.join(format!("{hash:016x}"))
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `server pg start`: starts the private cluster in `data_dir` and prints its URL, then
/// `started` or `running` (it was running already: whoever started it will stop it).
pub async fn start_for_scripts(data_dir: &Path) -> Result<(), crate::StartupError> {
    let cluster = PrivateCluster::new(data_dir)?;
    let started = cluster.start().await?;
    println!("{}", cluster.url("postgres"));
    println!("{}", if started { "started" } else { "running" });
    Ok(())
}

/// `server pg stop`.
pub async fn stop_for_scripts(data_dir: &Path) -> Result<(), crate::StartupError> {
    PrivateCluster::new(data_dir)?.stop().await?;
    Ok(())
}

impl PrivateCluster {
    /// Creates `name` on this cluster unless it exists.
    pub async fn create_database(&self, name: &str) -> Result<(), ClusterError> {
        let exists = self
            .psql(&format!(
                "select 1 from pg_database where datname = '{name}'"
            ))
            .await?;
        if exists.trim() != "1" {
            self.psql(&format!("create database \"{name}\"")).await?;
        }
        Ok(())
    }

    async fn psql(&self, sql: &str) -> Result<String, ClusterError> {
        let sockets = self.sockets();
        let mut command = self.command(
            "psql",
            &[
                "-h",
                path(&sockets),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-tAc",
                sql,
            ],
        );
        let output = command.stdout(std::process::Stdio::piped()).output().await;
        match output {
            Ok(out) if out.status.success() => {
                Ok(String::from_utf8_lossy(&out.stdout).into_owned())
            }
            other => Err(ClusterError::Command {
                command: format!("psql -c {sql}"),
                status: format!(
                    "{:?}",
                    other.map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                ),
                log: self.log().display().to_string(),
            }),
        }
    }
}
