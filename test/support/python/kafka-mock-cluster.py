#!/usr/bin/env python3
"""librdkafka's mock Kafka cluster, with topics made before any client connects.

The mock (librdkafka 2.0.2, Debian's librdkafka1, installed with kcat) answers neither CreateTopics
nor CreatePartitions, and kcat offers no way to call its C API: a topic it creates on first use has
4 partitions. Its C API does create topics of any size (rd_kafka_mock_topic_create), so this script
loads librdkafka through ctypes, starts the same mock cluster kcat would, creates the topics asked
for, prints `bootstrap.servers=HOST:PORT,...` on stderr (as `kcat -d mock` does) and serves until
killed. Other topics are still created on first use with 4 partitions.

usage: kafka-mock-cluster.py [--brokers N] [--topic NAME:PARTITIONS ...]
"""
import argparse
import ctypes
import os
import signal
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--brokers", type=int, default=3)
parser.add_argument("--topic", action="append", default=[], help="NAME:PARTITIONS, made at start")
args = parser.parse_args()

try:
    lib = ctypes.CDLL("librdkafka.so.1")
except OSError as err:
    sys.exit(f"librdkafka is not installed (Debian package librdkafka1, which kcat installs): {err}")

lib.rd_kafka_conf_new.restype = ctypes.c_void_p
lib.rd_kafka_conf_set.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
lib.rd_kafka_new.restype = ctypes.c_void_p
lib.rd_kafka_new.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
lib.rd_kafka_mock_cluster_new.restype = ctypes.c_void_p
lib.rd_kafka_mock_cluster_new.argtypes = [ctypes.c_void_p, ctypes.c_int]
lib.rd_kafka_mock_cluster_bootstraps.restype = ctypes.c_char_p
lib.rd_kafka_mock_cluster_bootstraps.argtypes = [ctypes.c_void_p]
lib.rd_kafka_mock_topic_create.restype = ctypes.c_int
lib.rd_kafka_mock_topic_create.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]

errstr = ctypes.create_string_buffer(512)
conf = lib.rd_kafka_conf_new()
# The handle only owns the mock cluster; it connects to nothing (no bootstrap.servers on purpose).
lib.rd_kafka_conf_set(conf, b"log_level", b"3", errstr, len(errstr))
RD_KAFKA_PRODUCER = 0
rk = lib.rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, len(errstr))
if not rk:
    sys.exit(f"librdkafka: {errstr.value.decode()}")
cluster = lib.rd_kafka_mock_cluster_new(rk, args.brokers)
if not cluster:
    sys.exit("librdkafka could not start its mock cluster")
for spec in args.topic:
    name, _, partitions = spec.rpartition(":")
    replicas = min(3, args.brokers)
    code = lib.rd_kafka_mock_topic_create(cluster, name.encode(), int(partitions), replicas)
    if code != 0:
        sys.exit(f"the mock cluster did not create topic {name} with {partitions} partitions (error {code})")
print("bootstrap.servers=" + lib.rd_kafka_mock_cluster_bootstraps(cluster).decode(), file=sys.stderr, flush=True)
# Threads of librdkafka hold no state worth a clean shutdown: SIGTERM ends the process at once.
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
while True:
    signal.pause()
