// npm start: seeds, runs and supervises the parts on one machine; the export CLI.
export {};
