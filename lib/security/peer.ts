export const PEER_HEADER = "x-safekeep-peer";
