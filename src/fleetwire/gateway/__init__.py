"""The gateway (socket manager): holds device connections, frames, identifies, appends to the
raw log and ACKs only once the append is durable. No decoding, no business logic."""
